import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import CachePolicy from 'http-cache-semantics';
import { purgedByKeyHeaders, sharedCacheControl } from './purged-by-key-cache.ts';

const request = { url: '/hotels/1', method: 'GET', headers: {} };

describe('purgedByKeyHeaders', () => {
  it('lets browsers store a response purged by key but never reuse it without asking again, and gives the edge its lifetime', () => {
    const headers = purgedByKeyHeaders(['hotel-1', 'banners'], { maxAgeSeconds: 60, staleWhileRevalidateSeconds: 30 });
    assert.deepEqual(headers, {
      'cache-control': 'public, max-age=0, must-revalidate',
      'hatago-cache-control': 'public, max-age=60, stale-while-revalidate=30',
      'surrogate-key': 'hotel-1 banners',
    });
    const browser = new CachePolicy(request, { status: 200, headers }, { shared: false });
    assert.equal(browser.storable(), true, 'a back navigation or a 304 may still use the stored copy');
    assert.equal(browser.satisfiesWithoutRevalidation(request), false);
    const patient = { ...request, headers: { 'cache-control': 'max-stale=3600' } };
    assert.equal(browser.satisfiesWithoutRevalidation(patient), false, 'not even for a request that accepts stale answers');
  });

  it('writes whole, non-negative seconds and leaves out a stale window not given (the route grace decides)', () => {
    assert.equal(purgedByKeyHeaders(['banners'], { maxAgeSeconds: 24.9, staleWhileRevalidateSeconds: 0 })['hatago-cache-control'], 'public, max-age=24, stale-while-revalidate=0');
    assert.equal(purgedByKeyHeaders(['areas'], { maxAgeSeconds: 86400 })['hatago-cache-control'], 'public, max-age=86400');
    assert.equal(sharedCacheControl({ maxAgeSeconds: -3, staleWhileRevalidateSeconds: 0 }), 'public, max-age=0, stale-while-revalidate=0', 'a change already due: ask again now');
  });

  it('refuses what would purge nothing or break the header: no keys, a key with a space, an endless lifetime', () => {
    assert.throws(() => purgedByKeyHeaders([], { maxAgeSeconds: 60 }), RangeError);
    assert.throws(() => purgedByKeyHeaders(['hotel 1'], { maxAgeSeconds: 60 }), RangeError);
    assert.throws(() => purgedByKeyHeaders(['hotel-1'], { maxAgeSeconds: Infinity }), RangeError);
  });
});
