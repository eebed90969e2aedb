import type { Executor } from '@hatago/db';
import type { Logger } from '@hatago/platform/logging';
import { type PeriodicJob, startPeriodicJob } from '@hatago/platform/schedule';
import { purgeMailBodies } from './purge-bodies.ts';

/** `firstRun` answers how many bodies the start-up purge removed. */
export type RetentionSchedule = PeriodicJob<number>;

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
  const purge = async () => {
    const purged = await purgeMailBodies(options.db, { olderThanDays: options.olderThanDays, ...(options.batchSize ? { batchSize: options.batchSize } : {}) });
    if (purged > 0) options.logger.info({ purged, olderThanDays: options.olderThanDays }, 'mail bodies purged');
    return purged;
  };
  return startPeriodicJob(purge, {
    intervalMs: options.intervalMs ?? 3_600_000,
    onError: (error) => {
      options.logger.error({ err: error }, 'mail body purge failed');
      return 0;
    },
  });
}
