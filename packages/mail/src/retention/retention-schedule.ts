import type { Executor } from '@hatago/db';
import type { Logger } from '@hatago/platform/logging';
import { purgeMailBodies } from './purge-bodies.ts';

export interface RetentionSchedule {
  /** The purge that runs at start-up, for callers (and tests) that want to know it finished. */
  readonly firstRun: Promise<number>;
  /** Stops the schedule and waits for a purge in progress. */
  stop(): Promise<void>;
}

/**
 * Purges expired bodies at start and then every `intervalMs` (hourly by default), from a
 * long-running process such as the mailer. Several instances may run it: the purge skips
 * rows another holds. A failed run is logged and retried at the next tick, never fatal.
 */
export function startRetentionPurge(options: {
  db: Executor;
  logger: Logger;
  olderThanDays: number;
  intervalMs?: number;
  batchSize?: number;
}): RetentionSchedule {
  const intervalMs = options.intervalMs ?? 3_600_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);

  const run = (): Promise<number> => {
    running = purgeMailBodies(options.db, { olderThanDays: options.olderThanDays, ...(options.batchSize ? { batchSize: options.batchSize } : {}) })
      .then((purged) => {
        if (purged > 0) options.logger.info({ purged, olderThanDays: options.olderThanDays }, 'mail bodies purged');
        return purged;
      })
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'mail body purge failed');
        return 0;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(run, intervalMs).unref();
      });
    return running;
  };

  const firstRun = run();
  return {
    firstRun,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
