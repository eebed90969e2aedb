import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalisePersonName } from './person-name.ts';

describe('person names', () => {
  it('removes zero-width characters, the byte-order mark and bidi controls', () => {
    const invisible = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const c of invisible) assert.equal(normalisePersonName(`Ta${c}ro`), 'Taro', JSON.stringify(c));
  });

  it('composes by compatibility: full-width Latin and half-width kana become their usual forms', () => {
    assert.equal(normalisePersonName('Ｔａｒｏ'), 'Taro');
    assert.equal(normalisePersonName('ﾀﾛｳ'), 'タロウ');
    assert.equal(normalisePersonName('Zoe\u0308'), 'Zoë');
  });

  it('collapses whitespace of any kind to one space and trims', () => {
    assert.equal(normalisePersonName(' \u3000山田\u3000\u3000太郎\t '), '山田 太郎');
    assert.equal(normalisePersonName('Taro \u200b Yamada'), 'Taro Yamada');
  });

  it('leaves a plain name as it is', () => {
    assert.equal(normalisePersonName('佐藤 花子'), '佐藤 花子');
  });
});
