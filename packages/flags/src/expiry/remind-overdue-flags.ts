import type { Executor } from '@hatago/db';
import { enqueueNotice } from '@hatago/mail';
import type { Logger } from '@hatago/platform/logging';
import { type PeriodicJob, startPeriodicJob } from '@hatago/platform/schedule';
import { tokyoToday } from '@hatago/platform/time';
import { listFlags } from '../store/flag-store.ts';
import { FLAGS_CHANNEL, flagOverdue } from './flag-overdue-notice.ts';
import { daysOverdue } from './overdue.ts';

/**
 * Queues a Slack reminder for every flag past its expiry, at most one per flag and Tokyo
 * day however often it runs and on however many instances: the outbox keeps one message
 * per idempotency key, and the key holds the flag and the day. Answers how many it queued.
 */
export async function remindOverdueFlags(db: Executor, now: Date): Promise<number> {
  const today = tokyoToday(now);
  let queued = 0;
  for (const { definition: flag } of await listFlags(db)) {
    const overdue = daysOverdue(flag, now);
    if (overdue <= 0) continue;
    const { created } = await enqueueNotice(db, flagOverdue, {
      channel: FLAGS_CHANNEL,
      params: { key: flag.key, owner: flag.owner, expiresOn: flag.expiresOn, daysOverdue: overdue },
      idempotencyKey: `flag-overdue:${flag.key}:${today}`,
      reference: `flag ${flag.key}`,
    });
    if (created) queued++;
  }
  return queued;
}

/** Checks hourly (by default) beside the mail workers, so a day's reminder goes out soon after the Tokyo day starts. */
export function startFlagReminders(options: { db: Executor; logger: Logger; now?: () => Date; intervalMs?: number }): PeriodicJob<number> {
  const now = options.now ?? (() => new Date());
  return startPeriodicJob(
    async () => {
      const queued = await remindOverdueFlags(options.db, now());
      if (queued > 0) options.logger.info({ queued }, 'overdue flag reminders queued');
      return queued;
    },
    {
      intervalMs: options.intervalMs ?? 3_600_000,
      onError: (error) => {
        options.logger.error({ err: error }, 'overdue flag reminders failed');
        return 0;
      },
    },
  );
}
