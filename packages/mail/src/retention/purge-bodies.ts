import { type Executor } from '@hatago/db';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';

/** Spread into the environment schema of whichever process runs the purge. */
export const MailRetentionEnv = {
  /** Rendered bodies hold guests' names and stays; after this many days only metadata and the timeline remain. */
  MAIL_BODY_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 90 }),
};

export interface PurgeOptions {
  olderThanDays: number;
  /** Rows per transaction: short transactions keep locks and WAL bursts small beside live traffic. */
  batchSize?: number;
  now?: Date;
  /** Called after each batch, e.g. to print progress. */
  onBatch?: (purgedSoFar: number) => void;
}

/**
 * Empties body_html and body_text of messages created more than N days ago and stamps
 * body_purged_at; subject, metadata and the timeline stay for support staff. Works in
 * batches until nothing is left, skipping rows a worker holds right now (SKIP LOCKED), so
 * it may run beside the workers, and twice at once, without waiting or double work.
 * Messages still queued or being sent are left alone: their body is not written yet.
 */
export async function purgeMailBodies(db: Executor, options: PurgeOptions): Promise<number> {
  const batchSize = options.batchSize ?? 1000;
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.olderThanDays * 86_400_000);
  let purged = 0;
  for (;;) {
    const { rows } = await sql<{ n: string }>`
      with due as (
        select id from mail_messages
        where body_purged_at is null and created_at < ${cutoff} and status not in ('queued', 'sending')
        order by created_at
        limit ${batchSize}
        for update skip locked
      ), purged as (
        update mail_messages m set body_html = null, body_text = null, body_purged_at = now()
        from due where m.id = due.id
        returning 1
      )
      select count(*) as n from purged`.execute(db);
    const count = Number(rows[0]!.n);
    purged += count;
    if (count > 0) options.onBatch?.(purged);
    if (count < batchSize) return purged;
  }
}
