import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { type Cache, type Invalidation, type InvalidationListener, newVersion, notifyListeners } from '../cache.ts';
import { CacheTelemetry } from '../cache-telemetry.ts';
import { closeRedis, openRedis, type RedisConnectionOptions, waitUntilReady } from './redis-connection.ts';

export interface RedisCacheOptions extends RedisConnectionOptions {
  /** Prefix of every key and of the invalidation channel, so apps can share a Redis. */
  keyPrefix?: string;
  /**
   * How long this process trusts a namespace version it read without asking Redis again.
   * Invalidations drop them at once; this only bounds staleness when a message is lost
   * (the subscriber connection dropped and came back), which also drops them all.
   */
  localVersionTtlMs?: number;
  logger?: Logger;
}

interface Message {
  origin: string;
  namespaces: string[];
  event?: unknown;
}

// Reads every version in one round trip, creating the missing ones with the values the
// caller proposes (SET NX semantics: two instances racing agree on one).
const VERSIONS_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local v = redis.call('GET', key)
  if not v then
    v = ARGV[i]
    redis.call('SET', key, v)
  end
  out[i] = v
end
return out`;

/**
 * The cache every instance shares in production. Values and namespace versions live in
 * Redis; each process also remembers the versions it read (one round trip per read instead
 * of two), and a pub/sub channel tells every process to forget them when they change.
 */
export class RedisCache implements Cache {
  readonly backend = 'redis';
  readonly telemetry: CacheTelemetry;
  readonly #client: Redis;
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #channel: string;
  readonly #origin = randomBytes(8).toString('hex');
  readonly #localVersions: LRUCache<string, string>;
  readonly #listeners = new Set<InvalidationListener>();
  readonly #subscribed: Promise<unknown>;
  /** Bumped by every invalidation heard, so a version read before one is not remembered after it. */
  #generation = 0;

  constructor(options: RedisCacheOptions) {
    this.telemetry = new CacheTelemetry('redis', options.logger);
    this.#prefix = options.keyPrefix ?? 'hatago:';
    this.#channel = `${this.#prefix}invalidations`;
    this.#localVersions = new LRUCache({ max: 10_000, ttl: options.localVersionTtlMs ?? 5_000 });
    this.#client = openRedis(options);
    this.#client.on('error', (error: unknown) => this.telemetry.failed('connection', error));
    // A subscribed connection cannot send other commands, hence a second one. It may queue
    // its SUBSCRIBE until connected, and it re-subscribes by itself after a reconnect.
    this.#subscriber = this.#client.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
    this.#subscriber.on('error', (error: unknown) => this.telemetry.failed('subscribe', error));
    this.#subscriber.on('ready', () => this.#forgetVersions());
    this.#subscriber.on('message', (channel: string, text: string) => this.#heard(channel, text));
    this.#subscribed = this.#subscriber.subscribe(this.#channel);
    this.#subscribed.catch((error: unknown) => this.telemetry.failed('subscribe', error));
  }

  /** Resolves once commands can be sent and invalidations are heard; for start-up and tests. */
  async ready(timeoutMs?: number): Promise<void> {
    await waitUntilReady(this.#client, timeoutMs);
    await this.#subscribed;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#client.get(this.#dataKey(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#client.set(this.#dataKey(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.#client.del(this.#dataKey(key));
  }

  async versions(namespaces: readonly string[]): Promise<string[]> {
    const trusted = this.#subscriber.status === 'ready';
    const known = trusted ? namespaces.map((n) => this.#localVersions.get(n)) : [];
    if (trusted && known.every((v) => v !== undefined)) return known as string[];
    const generation = this.#generation;
    const versions = (await this.#client.eval(
      VERSIONS_SCRIPT,
      namespaces.length,
      ...namespaces.map((n) => this.#versionKey(n)),
      ...namespaces.map(() => newVersion()),
    )) as string[];
    if (trusted && generation === this.#generation) namespaces.forEach((n, i) => this.#localVersions.set(n, versions[i]!));
    return versions;
  }

  async publishInvalidation(invalidation: Invalidation): Promise<void> {
    this.#forgetVersions(invalidation.namespaces);
    // Listeners in this process hear of it even when Redis is down; other processes
    // then rely on the TTLs, as nothing reaches them.
    notifyListeners(this.#listeners, invalidation, this.telemetry);
    const message: Message = { origin: this.#origin, namespaces: invalidation.namespaces, event: invalidation.event };
    const transaction = this.#client.multi();
    for (const namespace of invalidation.namespaces) transaction.set(this.#versionKey(namespace), newVersion());
    transaction.publish(this.#channel, JSON.stringify(message));
    const results = await transaction.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis discarded the invalidation');
    // Again: a version read while the new ones were being written must not be remembered.
    this.#forgetVersions(invalidation.namespaces);
  }

  subscribeInvalidations(listener: InvalidationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async ping(): Promise<void> {
    await this.#client.ping();
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await Promise.all([closeRedis(this.#subscriber), closeRedis(this.#client)]);
  }

  #dataKey = (key: string) => `${this.#prefix}d:${key}`;
  #versionKey = (namespace: string) => `${this.#prefix}v:${namespace}`;

  #forgetVersions(namespaces?: readonly string[]): void {
    this.#generation += 1;
    if (namespaces) namespaces.forEach((n) => this.#localVersions.delete(n));
    else this.#localVersions.clear();
  }

  #heard(channel: string, text: string): void {
    if (channel !== this.#channel) return;
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
      if (typeof message.origin !== 'string' || !Array.isArray(message.namespaces)) throw new Error('not an invalidation');
    } catch (error) {
      this.telemetry.failed('listener', error);
      return;
    }
    if (message.origin === this.#origin) return;
    this.#forgetVersions(message.namespaces);
    notifyListeners(this.#listeners, { namespaces: message.namespaces, event: message.event }, this.telemetry);
  }
}
