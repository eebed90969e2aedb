/** A small seeded PRNG (mulberry32), so a failing run can be replayed from its seed alone. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));

/** Characters a careless or hostile client sends: every control, broken UTF-16, and odd but valid Unicode. */
const ODD_CHARACTERS = [
  ...range(0x00, 0x1f),
  '\u007f',
  ...range(0x80, 0x9f),
  '\ud800',
  '\udfff',
  '\ufffe',
  '\uffff',
  '\ufeff',
  '\ufffd',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2028',
  '\u0301',
  '\u3000',
  '😀',
  '𠮷',
  'ｱ',
  'é',
  '%',
  '%00',
  "'",
  '"',
  '\\',
  '<',
  '&',
  '/',
];

/** Values with a meaning somewhere: numbers and dates out of range, markup, paths, SQL. */
const ODD_VALUES = [
  '',
  ' ',
  '-1',
  '0',
  '99999999999999999999',
  '1e309',
  'NaN',
  '0000-00-00',
  '9999-12-31',
  '2026-02-30',
  '../../etc/passwd',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '{"a":1}',
  '[]',
  'null',
  '__proto__',
];

/** A random hostile string: odd characters mixed into text, a meaningful odd value, or a long run. */
export function hostileString(random: () => number): string {
  const roll = random();
  if (roll < 0.15) return pick(random, ODD_VALUES);
  if (roll < 0.25) return pick(random, ['a', '日', '\u0000', '😀', '%']).repeat(1 + Math.floor(random() * 20_000));
  const length = 1 + Math.floor(random() * 24);
  let out = '';
  for (let i = 0; i < length; i++) out += random() < 0.5 ? pick(random, ODD_CHARACTERS) : pick(random, ['a', 'Z', '1', ' ', '-', '@', '.']);
  return out;
}

/** The same for a header value, kept to what HTTP can carry at all (TAB, visible ASCII, obs-text). */
export const hostileHeaderValue = (random: () => number) =>
  [...hostileString(random)].map((c) => (c === '\t' || (c >= ' ' && c <= '\u00ff' && c !== '\u007f') ? c : '\u0085')).join('').slice(0, 4000) || 'x';
