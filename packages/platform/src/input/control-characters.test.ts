import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disallowedValuesIn, hasDisallowedCharacter } from './control-characters.ts';

describe('disallowed characters', () => {
  it('refuses NUL, C0 but TAB/LF/CR, DEL, C1, lone surrogates and U+FFFE/U+FFFF', () => {
    for (const bad of ['\u0000', '\u0001', '\u001b[31m', '\u007f', '\u0085', '\u009f', '\ud800', 'x\udc00', '\ufffe', '\uffff']) {
      assert.equal(hasDisallowedCharacter(`a${bad}b`), true, JSON.stringify(bad));
    }
  });

  it('keeps text people type: line breaks, tabs, any script, emoji, bidi marks', () => {
    for (const good of ['line\r\nbreak\tand tab', '山田 太郎', 'Zoë', '😀 pair', '\u202e', '\u00a0', '\ufeff', '\ufffd']) {
      assert.equal(hasDisallowedCharacter(good), false, JSON.stringify(good));
    }
  });

  it('names every offending field and key by its path, and refuses infinite numbers and hostile nesting', () => {
    const errors = disallowedValuesIn({ guest: { name: 'a\u0000' }, list: ['ok', '\u0007'], ['k\u0000']: 1, size: JSON.parse('1e309') }, 'body');
    assert.deepEqual(errors.map((e) => e.field), ['body.guest.name', 'body.list.1', 'body.?', 'body.size']);
    const deep = JSON.parse('['.repeat(40) + ']'.repeat(40));
    assert.equal(disallowedValuesIn(deep, 'body').length, 1);
  });
});
