import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileCacheKey, normaliseQuery } from './cache-key.ts';

describe('normaliseQuery', () => {
  const normalise = normaliseQuery(['checkin', 'nights']);

  it('keeps only the kept parameters, in the rule’s order, repeats in request order', () => {
    assert.equal(normalise('/hotels/1', 'utm_source=tv&nights=2&checkin=2026-12-01'), '/hotels/1?checkin=2026-12-01&nights=2');
    assert.equal(normalise('/hotels/1', 'nights=3&checkin=a&nights=1'), '/hotels/1?checkin=a&nights=3&nights=1');
    assert.equal(normalise('/hotels/1', 'utm_source=tv&gclid=x'), '/hotels/1');
    assert.equal(normalise('/hotels/1', 'checkin'), '/hotels/1?checkin');
  });

  it('gives each path its own URL when the same query string comes back (remembered per query, not per URL)', () => {
    assert.equal(normalise('/hotels/1', 'checkin=2026-12-01&utm_source=x'), '/hotels/1?checkin=2026-12-01');
    assert.equal(normalise('/hotels/2', 'checkin=2026-12-01&utm_source=x'), '/hotels/2?checkin=2026-12-01');
    assert.equal(normalise('/hotels/2', 'utm_source=x'), '/hotels/2');
    assert.equal(normalise('/hotels/3', 'utm_source=x'), '/hotels/3');
  });

  it('stays right after more distinct query strings than it remembers', () => {
    for (let i = 0; i < 3000; i++) {
      assert.equal(normalise(`/hotels/${i % 7}`, `utm_content=${i}&checkin=d${i % 5}`), `/hotels/${i % 7}?checkin=d${i % 5}`);
    }
  });

  it('leaves the path alone when a route keeps no parameter', () => {
    assert.equal(normaliseQuery([])('/banners', 'v=2'), '/banners');
  });

  it('keeps the whole query sorted by name=value (std.querysort\'s order, empty pairs dropped), or as sent', () => {
    const sorted = normaliseQuery('sorted');
    assert.equal(sorted('/items', 'id=b&utm=1&id=a'), '/items?id=a&id=b&utm=1');
    assert.equal(sorted('/items', 'b=1&&a=2&'), '/items?a=2&b=1');
    assert.equal(sorted('/items', '&'), '/items');
    assert.equal(normaliseQuery('as-sent')('/items', 'id=b&id=a'), '/items?id=b&id=a');
  });
});

describe('compileCacheKey', () => {
  const key = compileCacheKey({ query: ['lang'], locale: false, device: false });
  const request = { host: 'Hatago.Example', backend: 'guest', path: '/search', query: 'lang=en&utm=x', headers: {} };

  it("keys by the edge's flag decision when it made one: none and no flags on are two keys, each set its own", () => {
    const keys = [undefined, '', 'new-search', 'new-search,photo-grid'].map((flags) => key({ ...request, flags }).key);
    assert.equal(new Set(keys).size, 4);
    assert.equal(keys[0], 'guest\nhatago.example\n/search?lang=en', 'without a decision the key is as it always was');
    assert.equal(key({ ...request, flags: 'new-search' }).key, keys[2]);
    assert.equal(key({ ...request, flags: 'new-search' }).url, '/search?lang=en', 'the URL a purge names is the same for every set');
  });
});
