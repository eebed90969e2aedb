/** Header lines as undici hands them over: an array for a repeated name, whatever the name. */
export type RawHeaders = Record<string, string | string[]>;

/** A small deterministic generator, so a failing case can be replayed from its seed. */
export function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!, chance: (p: number) => next() < p };
}

/** Valid and malformed values of the fields a cache reads, each sent on one to three lines. */
const VALUES: Record<string, readonly string[]> = {
  'cache-control': ['public, max-age=60', 'max-age=60', 'no-cache', 'no-store', 'private', 's-maxage=abc', 'max-age=', '=,,', 'max-age=60, max-age=0', 'stale-while-revalidate=x', ' ', 'MAX-AGE=30', 'must-revalidate'],
  vary: ['Accept-Language', 'accept-encoding', '*', ',', '', 'X-Device, Accept-Language', ' , ,'],
  'surrogate-key': ['hotel-1', 'hotel-1 area-2', '', '  ', 'a\tb'],
  expires: ['Thu, 01 Jan 2026 00:10:00 GMT', '0', '-1', 'not a date', '', 'Thursday, 01-Jan-26 00:10:00 GMT', 'Thu Jan  1 00:10:00 2026'],
  age: ['10', '-5', 'abc', '', '10, 20', '99999999999999999999', '1.5'],
  pragma: ['no-cache', '', 'x=1'],
  etag: ['"a"', 'W/"b"', 'unquoted', ''],
  'last-modified': ['Wed, 31 Dec 2025 00:00:00 GMT', 'yesterday', ''],
};

export function fuzzedHeaders(random: ReturnType<typeof generator>): RawHeaders {
  const headers: RawHeaders = {};
  for (const [name, values] of Object.entries(VALUES)) {
    if (!random.chance(0.6)) continue;
    const lines = 1 + Math.floor(random.chance(0.5) ? 0 : random.chance(0.5) ? 1 : 2);
    const picked = Array.from({ length: lines }, () => random.pick(values));
    headers[name] = picked.length === 1 ? picked[0]! : picked;
  }
  return headers;
}
