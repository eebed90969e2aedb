import { Type } from '@sinclair/typebox';
import { ConfigError } from '../config/load-config.ts';
import type { Logger } from '../logging/logger.ts';

/** Environment of a process that purges the edge: the edge's admin listener and its bearer token (both or neither). */
export const EdgePurgeEnv = {
  /** Base URL of the edge's admin listener, e.g. http://edge-admin:9090 */
  EDGE_PURGE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  EDGE_PURGE_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
};

/** Asks the edge to drop what it cached under some surrogate keys. */
export interface EdgePurger {
  /** Never rejects: a failed purge is logged, and the page's short TTL bounds how long it stays stale. */
  purgeKeys(keys: readonly string[]): Promise<void>;
}

export interface EdgePurgeClientOptions {
  url: string;
  token: string;
  logger: Logger;
  /** A purge that takes longer is abandoned (and logged). Default 2 s. */
  timeoutMs?: number;
}

/**
 * The edge's purge API (`POST /purge/key/<key>` behind a bearer token; the Node edge and
 * the compiled VCL answer the same paths). A staff action has already committed when it
 * purges, so a purge that fails must not fail the action: it is logged, and cached copies
 * live out their short TTL.
 */
export function createEdgePurgeClient(options: EdgePurgeClientOptions): EdgePurger {
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 2000;
  const purgeOne = async (key: string) => {
    try {
      const res = await fetch(`${base}/purge/key/${encodeURIComponent(key)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      if (!res.ok) options.logger.warn({ key, status: res.status }, 'edge purge refused');
    } catch (error) {
      options.logger.warn({ key, err: error }, 'edge purge failed');
    }
  };
  return {
    async purgeKeys(keys) {
      await Promise.all([...new Set(keys)].map(purgeOne));
    },
  };
}

/** For processes with no edge to tell (tests, an app run on its own without EDGE_PURGE_URL). */
export const NO_EDGE_PURGE: EdgePurger = { purgeKeys: async () => undefined };

interface EdgePurgeSettings {
  EDGE_PURGE_URL?: string;
  EDGE_PURGE_TOKEN?: string;
}

/** Start-up check: a purge URL without its token is a configuration error, not a silent lack of purges. */
export function checkEdgePurgeSettings(env: EdgePurgeSettings): void {
  if (env.EDGE_PURGE_URL !== undefined && env.EDGE_PURGE_TOKEN === undefined) {
    throw new ConfigError('invalid configuration: EDGE_PURGE_TOKEN (missing): required with EDGE_PURGE_URL');
  }
}

/** The client from EDGE_PURGE_URL / EDGE_PURGE_TOKEN, or no purging when they are not set. */
export function edgePurgerFromEnv(env: EdgePurgeSettings, logger: Logger): EdgePurger {
  checkEdgePurgeSettings(env);
  if (env.EDGE_PURGE_URL === undefined || env.EDGE_PURGE_TOKEN === undefined) return NO_EDGE_PURGE;
  return createEdgePurgeClient({ url: env.EDGE_PURGE_URL, token: env.EDGE_PURGE_TOKEN, logger });
}

export interface EdgePurging {
  /** Resolves once every purge started so far has finished (or failed and been logged). */
  settled(): Promise<void>;
  /** Stops listening and waits for the purges already sent. */
  stop(): Promise<void>;
}

/**
 * Purges the edge on every change a module announces (any instance's, through the cache's
 * invalidation channel), by the surrogate keys the change makes stale: one mechanism drops
 * the data cache and the edge's copies alike.
 */
export function purgeEdgeOn<Change>(
  subscribe: (listener: (change: Change) => void) => () => void,
  keysOf: (change: Change) => readonly string[],
  purger: EdgePurger,
): EdgePurging {
  const pending = new Set<Promise<void>>();
  const unsubscribe = subscribe((change) => {
    const keys = keysOf(change);
    if (keys.length === 0) return;
    const purge = purger.purgeKeys(keys).finally(() => pending.delete(purge));
    pending.add(purge);
  });
  const settled = async () => {
    while (pending.size > 0) await Promise.all(pending);
  };
  return {
    settled,
    async stop() {
      unsubscribe();
      await settled();
    },
  };
}
