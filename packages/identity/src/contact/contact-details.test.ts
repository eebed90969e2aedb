import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '@hatago/platform/errors';
import { parseContact } from './contact-details.ts';

const valid = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'taro@example.com', phone: '090-1111-2222' };
const nameError = (name: string) => {
  try {
    parseContact({ ...valid, name }, { requireLatin: true });
    return undefined;
  } catch (error) {
    assert.ok(error instanceof DomainError);
    return error.fields.find((f) => f.field === 'name')?.message;
  }
};

describe('contact details', () => {
  it('accepts names in any script, trimmed and composed', () => {
    assert.deepEqual(parseContact({ ...valid, name: ' Zoe\u0308 ' }, { requireLatin: true }).name, 'Zoë');
    assert.equal(nameError('佐藤 花子'), undefined);
  });

  it('refuses markup, control characters and lone surrogates in a name', () => {
    for (const name of ['<script>alert(1)</script>', 'a\u0000b', 'a\u0007', 'Taro\ud800', '\udc00']) {
      assert.ok(nameError(name), JSON.stringify(name));
    }
  });

  it('stores names without zero-width characters or bidi controls, composed by compatibility', () => {
    const parse = (name: string, nameLatin = 'Taro Yamada') => parseContact({ ...valid, name, nameLatin }, { requireLatin: true });
    assert.equal(parse('山田\u200b太郎').name, '山田太郎');
    assert.equal(parse('abc\u202egnp.exe').name, 'abcgnp.exe');
    assert.equal(parse('a\u2067b').name, 'ab');
    assert.equal(parse('ﾔﾏﾀﾞ', 'Ｔａｒｏ\u200d Yamada').nameLatin, 'Taro Yamada');
    assert.equal(parse('ﾔﾏﾀﾞ').name, 'ヤマダ');
  });
});
