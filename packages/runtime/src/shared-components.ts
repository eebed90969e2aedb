import { type Cache, FallbackRateLimiter, MemoryCache, type RateLimiter } from '@hatago/cache';
import { RedisCache, RedisRateLimiter } from '@hatago/cache/redis';
import type { Database } from '@hatago/db';
import { DatabaseRateLimiter } from '@hatago/identity';
import type { Logger } from '@hatago/platform/logging';
import { LocalStorage, type ObjectStorage, tracedStorage, UrlSignature } from '@hatago/storage';
import { S3Storage } from '@hatago/storage/s3';
import type { StandaloneServiceConfig } from './service-config.ts';

export interface SharedComponents {
  cache: Cache;
  rateLimiter: RateLimiter;
  storage: ObjectStorage;
  close(): Promise<void>;
}

/** Signed download links are served by the facility console's files route. */
const DOWNLOAD_PREFIX = '/facility/files/';

/**
 * What app processes share besides the database: the cache and attempt counters (Redis
 * when REDIS_URL is set) and object storage (S3 when S3_BUCKET is set).
 */
export function openSharedComponents(config: StandaloneServiceConfig, service: string, database: Database, logger: Logger): SharedComponents {
  const signature = new UrlSignature(config.SIGNING_SECRET);
  const storage: ObjectStorage = config.S3_BUCKET
    ? tracedStorage(new S3Storage({
        bucket: config.S3_BUCKET,
        region: config.S3_REGION,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
        ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
        ...(config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
          ? { credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } }
          : {}),
        signature,
        urlPrefix: DOWNLOAD_PREFIX,
      }), 's3')
    : // shared between instances only through a shared volume
      tracedStorage(new LocalStorage({ root: config.STORAGE_DIR, signature, urlPrefix: DOWNLOAD_PREFIX }), 'local');

  const databaseLimiter = new DatabaseRateLimiter(database.db);
  if (!config.REDIS_URL) {
    logger.warn(
      'REDIS_URL is not set: this process caches in its own memory, so catalogue changes made through another process show only when its copies expire (search 5 s, hotel pages 60 s)',
    );
    return { cache: new MemoryCache({ logger }), rateLimiter: databaseLimiter, storage, close: async () => undefined };
  }
  const redis = { url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS, connectionName: `hatago-${service}` };
  const cache = new RedisCache({ ...redis, logger });
  const redisLimiter = new RedisRateLimiter(redis);
  return {
    cache,
    rateLimiter: new FallbackRateLimiter(redisLimiter, databaseLimiter, cache.telemetry),
    storage,
    async close() {
      await Promise.all([cache.close(), redisLimiter.close()]);
    },
  };
}
