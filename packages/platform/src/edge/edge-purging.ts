import type { EdgePurger } from './edge-purge-client.ts';

/**
 * Where committed changes come from, as the edge keys each makes stale: a domain module's
 * change feed (catalogue, dining) mapped to its own Surrogate-Key tags. Returns the unsubscribe.
 */
export type EdgeKeySource = (listener: (keys: readonly string[]) => void) => () => void;

export interface EdgePurging {
  /** Resolves once every purge started so far has finished (or failed and been logged). */
  settled(): Promise<void>;
  /** Stops listening and waits for the purges already sent. */
  stop(): Promise<void>;
}

/**
 * Purges the edge on every change any instance publishes, through the same publication that
 * drops the data cache, so each vertical has one "this changed" mechanism and the purge loop
 * is written once for all of them.
 */
export function purgeEdgeOn(sources: readonly EdgeKeySource[], purger: EdgePurger): EdgePurging {
  const pending = new Set<Promise<void>>();
  const unsubscribes = sources.map((source) =>
    source((keys) => {
      if (keys.length === 0) return;
      const purge = purger.purgeKeys(keys).finally(() => pending.delete(purge));
      pending.add(purge);
    }),
  );
  const settled = async () => {
    while (pending.size > 0) await Promise.all(pending);
  };
  return {
    settled,
    async stop() {
      for (const unsubscribe of unsubscribes) unsubscribe();
      await settled();
    },
  };
}
