import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  url: string;
  /** A command that takes longer fails, and the caller carries on without Redis. */
  commandTimeoutMs?: number;
  connectionName?: string;
}

/**
 * A Redis connection that fails fast instead of waiting: no offline queue (a command sent
 * while disconnected fails at once), no retry of a command whose connection dropped, and
 * a short timeout on every command, so a dead or hung Redis costs a request a few
 * milliseconds, not a stall. It reconnects in the background forever.
 */
export function openRedis(options: RedisConnectionOptions): Redis {
  const client = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
    ...(options.connectionName ? { connectionName: options.connectionName } : {}),
  });
  return client;
}

/** Waits until the connection is usable, for start-up; a wrong URL fails here with its reason. */
export async function waitUntilReady(client: Redis, timeoutMs = 5_000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    let lastError: unknown;
    const onError = (error: unknown) => {
      lastError = error;
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not reachable within ${timeoutMs} ms${lastError instanceof Error ? `: ${lastError.message}` : ''}`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
    };
    client.on('ready', onReady);
    client.on('error', onError);
  });
}

/** Closes politely when Redis answers, at once when it does not. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') await client.quit().catch(() => undefined);
  client.disconnect();
}
