import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cache, Invalidation } from './cache.ts';
import { cached } from './cached.ts';

export interface CacheFixture {
  /** Two instances sharing one store, as two app processes share a Redis (or the same instance twice in memory). */
  caches: [Cache, Cache];
  dispose(): Promise<void>;
}

/** Resolves with the next invalidation `cache` hears: what "eventually" means, without sleeping. */
export function nextInvalidation(cache: Cache, matching: (invalidation: Invalidation) => boolean = () => true): Promise<Invalidation> {
  return new Promise((resolve) => {
    const stop = cache.subscribeInvalidations((invalidation) => {
      if (!matching(invalidation)) return;
      stop();
      resolve(invalidation);
    });
  });
}

/** Polls a condition a bounded number of times, for what no message announces (expiry). */
export async function eventually(condition: () => Promise<boolean>, what: string, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`never happened: ${what}`);
}

let unique = 0;
const fresh = (name: string) => `contract:${process.pid}:${Date.now()}:${unique++}:${name}`;

/** What every Cache adapter must do; each adapter's test file runs it against its own fixture. */
export function cacheContract(adapter: string, setup: () => Promise<CacheFixture>): void {
  describe(`cache contract: ${adapter}`, { timeout: 20_000 }, () => {
    let fixture: CacheFixture;
    let a: Cache;
    let b: Cache;
    before(async () => {
      fixture = await setup();
      [a, b] = fixture.caches;
    });
    after(() => fixture.dispose());

    it('stores, replaces and deletes values, shared by every instance', async () => {
      const key = fresh('value');
      assert.equal(await a.get(key), undefined);
      await a.set(key, 'first 一', 60_000);
      assert.equal(await b.get(key), 'first 一');
      await b.set(key, 'second', 60_000);
      assert.equal(await a.get(key), 'second');
      await a.delete(key);
      assert.equal(await b.get(key), undefined);
      await a.delete(key);
    });

    it('forgets a value once its TTL has passed', async () => {
      const key = fresh('ttl');
      const kept = fresh('kept');
      await a.set(key, 'short-lived', 30);
      await a.set(kept, 'long-lived', 60_000);
      await eventually(async () => (await b.get(key)) === undefined, 'the value expired');
      assert.equal(await b.get(kept), 'long-lived');
    });

    it('gives every instance the same namespace versions until one is invalidated', async () => {
      const [hotel, other] = [fresh('ns-hotel'), fresh('ns-other')];
      const initial = await a.versions([hotel, other]);
      assert.deepEqual(await b.versions([hotel, other]), initial);
      assert.deepEqual(await a.versions([hotel, other]), initial, 'versions are stable');

      const heard = nextInvalidation(b, (i) => i.namespaces.includes(hotel));
      await a.publishInvalidation({ namespaces: [hotel], event: { hotelId: 7, kind: 'prices' } });
      assert.deepEqual(await heard, { namespaces: [hotel], event: { hotelId: 7, kind: 'prices' } });

      const afterA = await a.versions([hotel, other]);
      const afterB = await b.versions([hotel, other]);
      assert.notEqual(afterA[0], initial[0], 'the invalidated namespace has a new version');
      assert.equal(afterA[1], initial[1], 'other namespaces keep theirs');
      assert.deepEqual(afterB, afterA, 'the other instance sees the new version once it heard of it');
    });

    it('tells the publishing instance too, and stops telling a listener that unsubscribed', async () => {
      const namespace = fresh('ns-listen');
      const seen: Invalidation[] = [];
      const stop = a.subscribeInvalidations((i) => {
        if (i.namespaces.includes(namespace)) seen.push(i);
      });
      a.subscribeInvalidations(() => {
        throw new Error('a broken listener must not silence the others');
      });
      await a.publishInvalidation({ namespaces: [namespace] });
      assert.equal(seen.length, 1);
      stop();
      const heardByB = nextInvalidation(b, (i) => i.namespaces.includes(namespace));
      await a.publishInvalidation({ namespaces: [namespace] });
      await heardByB;
      assert.equal(seen.length, 1);
    });

    it('reads through: loads once, serves the copy, loads again after an invalidation of its namespace', async () => {
      const [hotel, search] = [fresh('rt-hotel'), fresh('rt-search')];
      let loads = 0;
      const load = async () => ({ loads: ++loads, name: 'Hotel 椿' });
      const entry = { key: fresh('page'), namespaces: [hotel, search] };
      assert.deepEqual(await cached(a, entry, 60_000, load), { loads: 1, name: 'Hotel 椿' });
      assert.deepEqual(await cached(b, entry, 60_000, load), { loads: 1, name: 'Hotel 椿' }, 'the other instance gets the copy');

      const heard = nextInvalidation(b, (i) => i.namespaces.includes(search));
      await a.publishInvalidation({ namespaces: [search] });
      await heard;
      assert.deepEqual(await cached(b, entry, 60_000, load), { loads: 2, name: 'Hotel 椿' });
      assert.deepEqual(await cached(a, entry, 60_000, load), { loads: 2, name: 'Hotel 椿' });
      assert.equal(await cached(a, fresh('plain'), 60_000, async () => 'no namespaces'), 'no namespaces');
    });
  });
}
