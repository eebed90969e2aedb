import type { Cache } from '@hatago/cache';

/** Everything derived from the flag definitions: the cached set every app and the edge's feed read. */
export const FLAGS_NAMESPACE = 'flags';

export interface FlagChanged {
  key: string;
}

/**
 * Publishes, over the cache's invalidation channel, that a flag changed: every instance
 * sharing the cache drops its copy at once. Never fails: the change is already committed,
 * and the copies expire on their own within seconds anyway.
 */
export class FlagChanges {
  constructor(private readonly cache: Cache) {}

  async publish(changed: FlagChanged): Promise<void> {
    try {
      await this.cache.publishInvalidation({ namespaces: [FLAGS_NAMESPACE], event: { type: 'flag-changed', key: changed.key } });
    } catch (error) {
      this.cache.telemetry.failed('invalidate', error);
    }
  }
}
