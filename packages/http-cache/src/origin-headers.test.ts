import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { rule } from '../test/cache-cases.ts';
import { type CachedFront, manualClock, startFront } from '../test/cache-harness.ts';
import { fuzzedHeaders, generator, type RawHeaders } from '../test/header-fuzz.ts';
import { request } from '../test/http-client.ts';
import { EdgeCache } from './edge-cache.ts';
import type { OriginFetch } from './edge-exchange.ts';

/**
 * Response headers the origin repeats, as undici hands them over (an array per repeated
 * name), and malformed values: combined per RFC 9110 §5.3 or refused for storage, never a
 * 5xx from the edge itself.
 */

const fronts: CachedFront[] = [];
after(async () => {
  for (const front of fronts) await front.close();
});

/** An origin answering every request with the headers `answerFor` gives (a 304 to a conditional one, when it says so). */
async function edgeOver(answerFor: (conditional: boolean) => { status: number; headers: RawHeaders }) {
  const clock = manualClock();
  const cache = new EdgeCache({ now: clock.now });
  let count = 0;
  const fetchOrigin: OriginFetch = async (req) => {
    const { status, headers } = answerFor(req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined);
    count++;
    return { status, headers: { 'content-type': 'text/plain', ...headers } as IncomingHttpHeaders, body: Readable.from(status === 304 ? [] : [Buffer.from(`answer ${count}`)]), instance: 'origin', originMs: 0 };
  };
  const front = await startFront(cache, rule({ key: { query: [], locale: false, device: false } }), fetchOrigin);
  fronts.push(front);
  const get = (path: string, headers: Record<string, string> = {}) => request(front.url + path, { headers });
  return { cache, clock, get, origin: () => count };
}

describe('response headers the origin repeats or garbles', () => {
  it('combines repeated list fields (RFC 9110 §5.3): two Cache-Control lines are one policy, not a 502', async () => {
    const { get, origin } = await edgeOver(() => ({ status: 200, headers: { 'cache-control': ['public', 'max-age=60'], vary: ['Accept-Language', 'X-Device'], pragma: ['x', 'y'] } }));
    const first = await get('/repeated');
    assert.equal(first.status, 200);
    assert.equal(first.headers['x-cache'], 'MISS');
    const second = await get('/repeated');
    assert.equal(second.headers['x-cache'], 'HIT', 'max-age from the second line counts');
    assert.equal(second.headers['cache-control'], 'public, max-age=60');
    assert.equal(origin(), 1);
  });

  it('every repeated Surrogate-Key line tags the entry', async () => {
    const { cache, get } = await edgeOver(() => ({ status: 200, headers: { 'cache-control': 'max-age=60', 'surrogate-key': ['hotel-1', 'area-2'] } }));
    await get('/tagged');
    assert.equal(cache.purge({ kind: 'key', keys: ['area-2'], soft: false }), 1);
  });

  it('repeated Age takes the first member (RFC 9111 §5.1); repeated Expires means stale (RFC 9111 §4.2.1)', async () => {
    const aged = await edgeOver(() => ({ status: 200, headers: { 'cache-control': 'max-age=60', age: ['10', '50'] } }));
    await aged.get('/aged');
    const hit = await aged.get('/aged');
    assert.equal(hit.headers.age, '10');
    const expiring = await edgeOver(() => ({ status: 200, headers: { expires: ['Thu, 01 Jan 2026 00:10:00 GMT', 'Thu, 01 Jan 2026 00:20:00 GMT'], etag: '"v"' } }));
    await expiring.get('/expiring');
    assert.notEqual((await expiring.get('/expiring')).headers['x-cache'], 'HIT');
  });

  it('reads Cache-Control directive names case-insensitively (RFC 9111 §5.2): MAX-AGE, NO-STORE, NO-CACHE', async () => {
    const upper = await edgeOver(() => ({ status: 200, headers: { 'cache-control': 'PUBLIC, MAX-AGE=60' } }));
    await upper.get('/upper');
    assert.equal((await upper.get('/upper')).headers['x-cache'], 'HIT');
    const unstored = await edgeOver(() => ({ status: 200, headers: { 'cache-control': 'NO-STORE, max-age=60' } }));
    await unstored.get('/no-store');
    assert.notEqual((await unstored.get('/no-store')).headers['x-cache'], 'HIT');
    const validated = await edgeOver((conditional) => ({ status: conditional ? 304 : 200, headers: { 'cache-control': 'No-Cache, max-age=60', etag: '"v"' } }));
    await validated.get('/no-cache');
    assert.notEqual((await validated.get('/no-cache')).headers['x-cache'], 'HIT', 'validated with the origin first');
    assert.equal(validated.origin(), 2);
  });

  it('Expires that is not an HTTP-date means already expired (RFC 9111 §5.3); the RFC 850 and asctime forms still count', async () => {
    const expiresIn = async (expires: string) => {
      const { get } = await edgeOver(() => ({ status: 200, headers: { expires, etag: '"v"' } }));
      await get('/expires');
      return (await get('/expires')).headers['x-cache'];
    };
    // the manual clock starts at 2026-01-01T00:00:00Z; each of these is ten minutes later
    assert.equal(await expiresIn('Thu, 01 Jan 2026 00:10:00 GMT'), 'HIT');
    assert.equal(await expiresIn('Thursday, 01-Jan-26 00:10:00 GMT'), 'HIT', 'RFC 850');
    assert.equal(await expiresIn('Thu Jan  1 00:10:00 2026'), 'HIT', 'asctime');
    for (const invalid of ['2026-01-01T00:10:00Z', 'Thu, 01 Jan 2026 00:10:00', 'January 1, 2026 00:10 UTC', '1767226200']) {
      assert.notEqual(await expiresIn(invalid), 'HIT', invalid);
    }
  });

  it('keeps the origin\'s Age on a miss, stored or not, and adds the time stored on a hit (RFC 9111 §5.1)', async () => {
    const { get, clock } = await edgeOver(() => ({ status: 200, headers: { 'cache-control': 'max-age=60', age: '30' } }));
    assert.equal((await get('/aged-miss')).headers.age, '30');
    clock.advance(5);
    assert.equal((await get('/aged-miss')).headers.age, '35');
    const unstored = await edgeOver(() => ({ status: 200, headers: { 'cache-control': 'no-store', age: '12' } }));
    assert.equal((await unstored.get('/aged-unstored')).headers.age, '12');
  });

  it('fuzz: duplicated and malformed response headers, on a miss, a hit and a revalidation, never give a 5xx', async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const random = generator(seed);
      const full = fuzzedHeaders(random);
      const notModified = fuzzedHeaders(random);
      const { get, clock } = await edgeOver((conditional) => (conditional ? { status: 304, headers: notModified } : { status: 200, headers: full }));
      for (const headers of [{}, { 'accept-encoding': 'gzip', 'accept-language': 'en' }] as Array<Record<string, string>>) {
        const path = `/fuzz-${seed}`;
        for (const step of [0, 0, 120]) {
          clock.advance(step);
          const answer = await get(path, headers);
          assert.equal(answer.status, 200, `seed ${seed}: for ${JSON.stringify(full)} then ${JSON.stringify(notModified)}`);
        }
      }
    }
  });
});
