import { Type } from '@sinclair/typebox';
import { RedisEnv } from '@hatago/cache/redis';
import { ConfigError } from '@hatago/platform/config';

/**
 * Redis and S3, read by every app process in distributed mode. Both are optional: without
 * REDIS_URL each process caches in its own memory and counts attempts in the database;
 * without S3_BUCKET objects go to STORAGE_DIR.
 */
export const SharedComponentsEnv = {
  /** A Redis command slower than REDIS_COMMAND_TIMEOUT_MS fails, and the request carries on from the database. */
  ...RedisEnv,
  S3_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  S3_BUCKET: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' })),
  S3_REGION: Type.String({ pattern: '^[a-z0-9-]{1,40}$', default: 'us-east-1' }),
  S3_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String({ minLength: 1 })),
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: false }),
  /** Bookings one client address may attempt per minute on the guest site and API. */
  BOOKING_ATTEMPTS_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 30 }),
};

interface S3Settings {
  S3_ENDPOINT?: string | undefined;
  S3_BUCKET?: string | undefined;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
}

/** What one schema cannot say: S3 settings without a bucket, or half a key pair. */
export function checkS3Settings(config: S3Settings): void {
  const missing = (variable: string, why: string) => new ConfigError(`invalid configuration: ${variable} (missing): ${why}`);
  if (!config.S3_BUCKET) {
    const stray = (['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).find((v) => config[v] !== undefined);
    if (stray) throw missing('S3_BUCKET', `${stray} is set, so objects are meant to go to S3`);
  }
  if (config.S3_ACCESS_KEY_ID !== undefined && config.S3_SECRET_ACCESS_KEY === undefined) {
    throw missing('S3_SECRET_ACCESS_KEY', 'S3_ACCESS_KEY_ID is set');
  }
  if (config.S3_SECRET_ACCESS_KEY !== undefined && config.S3_ACCESS_KEY_ID === undefined) {
    throw missing('S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY is set');
  }
}
