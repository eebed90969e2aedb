import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CUISINES } from '@hatago/dining';
import { dictionaries, japaneseDomainMessages, localise } from './i18n.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Every leaf of a dictionary entry: strings, the strings of records, and what functions return for sample arguments. */
function leaves(value: unknown, path: string): Array<[string, unknown]> {
  if (typeof value === 'function') {
    const f = value as (...args: unknown[]) => unknown;
    // most take counts or names; a cancellation policy takes its rules
    return [[path, path === 'cancelFees' ? f([{ withinHours: 24, percent: 50 }]) : f(2, 3, 4)]];
  }
  if (Array.isArray(value)) return value.map((v, i) => [`${path}[${i}]`, v]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  return [[path, value]];
}

describe('guest page strings', () => {
  const { ja, en } = dictionaries();

  it('exist in Japanese and English alike, every key, record entry and cuisine', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(ja).sort());
    const jaLeaves = new Map(Object.entries(ja).flatMap(([k, v]) => leaves(v, k)));
    const enLeaves = new Map(Object.entries(en).flatMap(([k, v]) => leaves(v, k)));
    assert.deepEqual([...enLeaves.keys()].sort(), [...jaLeaves.keys()].sort(), 'the same record entries in both');
    for (const [path, text] of [...jaLeaves, ...enLeaves]) {
      // the empty occasion is "none"; every shown string has words
      assert.ok(typeof text === 'string' && text.length > 0, `${path} is a non-empty string`);
    }
    for (const cuisine of CUISINES) assert.ok(ja.cuisines[cuisine] && en.cuisines[cuisine], cuisine);
  });

  it('are Japanese in the Japanese dictionary wherever the English one has words', () => {
    const english = new Map(Object.entries(en).flatMap(([k, v]) => leaves(v, k)));
    const untranslated = Object.entries(ja)
      .flatMap(([k, v]) => leaves(v, k))
      .filter(([path, text]) => /[a-z]{3}/i.test(String(english.get(path))) && !JAPANESE.test(String(text)))
      .map(([path]) => path);
    assert.deepEqual(untranslated, []);
  });

  it('translate the domain messages guests meet on forms, dining’s included', () => {
    const messages = japaneseDomainMessages();
    for (const [english, japanese] of Object.entries(messages)) {
      assert.ok(JAPANESE.test(japanese), english);
      assert.equal(localise('ja', english), japanese);
      assert.equal(localise('en', english), english);
    }
    for (const dining of ['This date has passed', 'The restaurant is closed on this day', 'Requests are text of at most 500 characters']) assert.ok(messages[dining], dining);
  });
});
