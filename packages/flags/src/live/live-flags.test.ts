import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Cache, MemoryCache } from '@hatago/cache';
import { nextInvalidation } from '@hatago/cache/contract';
import { RedisCache } from '@hatago/cache/redis';
import { testKeyPrefix, testRedisUrl } from '@hatago/cache/testing';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { FlagChanges, FLAGS_NAMESPACE } from '../flag-changes.ts';
import { createFlag, setEnvironmentEnabled } from '../store/flag-store.ts';
import { flagDefinition } from '../testing/flag-fixtures.ts';
import { LiveFlags } from './live-flags.ts';

const action = { actor: { id: 3, name: 'Demo Editor' }, requestId: 'req-live-flags' };
// an hour of memory: only the announced change can make a reader drop its copy within the test
const LONG = { memoryMs: 3_600_000, cacheMs: 3_600_000, now: Date.now };

/**
 * A change made through one instance's cache reaches a LiveFlags reading through another:
 * the reader has the old definitions in memory and in the shared cache, and sees the new
 * ones at its next read after the invalidation arrives, with no expiry involved.
 */
describe('live flags on another instance', { timeout: 60_000 }, () => {
  let db: TestDatabase;
  const closing: Array<() => Promise<unknown> | void> = [];

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: false });
  });
  after(async () => {
    for (const close of closing.reverse()) await close();
    await db.dispose();
  });

  const killSwitchReaches = async (writerCache: Cache, readerCache: Cache, key: string) => {
    const context = { db: db.database.db, changes: new FlagChanges(writerCache) };
    await createFlag(context, flagDefinition({ key }), action);
    const reader = new LiveFlags(db.database.db, readerCache, LONG);
    closing.push(() => reader.close());
    assert.equal((await reader.definitions()).get(key)!.environments.production!.enabled, true);

    const heard = nextInvalidation(readerCache, (i) => i.namespaces.includes(FLAGS_NAMESPACE));
    await setEnvironmentEnabled(context, key, 'production', false, action);
    await heard;
    assert.equal((await reader.definitions()).get(key)!.environments.production!.enabled, false);
  };

  it('in one process sharing a memory cache', async () => {
    const cache = new MemoryCache();
    await killSwitchReaches(cache, cache, 'memory-flag');
  });

  it('on instances sharing a real Redis, each with its own connections', async () => {
    const [url, keyPrefix] = [await testRedisUrl(), testKeyPrefix()];
    const [writer, reader] = [new RedisCache({ url, keyPrefix }), new RedisCache({ url, keyPrefix })];
    closing.push(() => writer.close(), () => reader.close());
    await Promise.all([writer.ready(), reader.ready()]);
    await killSwitchReaches(writer, reader, 'redis-flag');
  });
});
