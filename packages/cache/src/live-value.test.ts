import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LiveValue } from './live-value.ts';
import { MemoryCache } from './memory/memory-cache.ts';

describe('a live value', () => {
  const counting = (values: Array<() => Promise<string>>) => {
    let calls = 0;
    return { load: () => values[Math.min(calls++, values.length - 1)]!(), calls: () => calls };
  };

  it('is read once while this process keeps it, and again once the namespace is invalidated anywhere', async () => {
    const cache = new MemoryCache();
    const source = counting([async () => 'v1', async () => 'v2']);
    const live = new LiveValue(cache, { key: 'thing', namespace: 'things', load: source.load, memoryMs: 60_000, cacheMs: 60_000 });
    assert.equal(await live.current(), 'v1');
    assert.equal(await live.current(), 'v1');
    assert.equal(source.calls(), 1);
    await cache.publishInvalidation({ namespaces: ['things'] });
    assert.equal(await live.current(), 'v2');
    assert.equal(source.calls(), 2);
    live.close();
  });

  it('takes the shared copy when its own has expired, and forgets a failed read', async () => {
    const cache = new MemoryCache();
    let now = 0;
    const source = counting([async () => Promise.reject(new Error('database down')), async () => 'v1']);
    const live = new LiveValue(cache, { key: 'thing', namespace: 'things', load: source.load, memoryMs: 1_000, cacheMs: 60_000, now: () => now });
    await assert.rejects(live.current(), /database down/);
    assert.equal(await live.current(), 'v1', 'the failure was not kept');
    now += 5_000;
    const other = new LiveValue(cache, { key: 'thing', namespace: 'things', load: source.load, memoryMs: 1_000, cacheMs: 60_000, now: () => now });
    assert.equal(await live.current(), 'v1');
    assert.equal(await other.current(), 'v1');
    assert.equal(source.calls(), 2, 'both read the shared copy, not the source');
    live.close();
    other.close();
  });
});
