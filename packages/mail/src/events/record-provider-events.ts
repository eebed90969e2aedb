import { type Executor, tablesOf } from '@hatago/db';
import { sql } from 'kysely';
import type { MailStatus, MailTables } from '../mail-tables.ts';
import { suppressAddress } from '../suppression/suppressions.ts';
import type { ProviderEvent, SendgridEventType } from './sendgrid-events.ts';

/**
 * Where each event may move a message's status from. Events arrive out of order and more
 * than once, so a status only ever moves forward along
 *   sent → deferred → delivered → bounced | dropped
 * (a bounce may follow a delivery: the receiving server accepted, then returned it). A
 * `deferred` that arrives after `delivered` therefore stays on the timeline only.
 * Messages still queued or held by a worker are not touched: the worker owns them until
 * it records the send. processed, open, click, spamreport and unsubscribe are timeline only.
 */
const TRANSITIONS: Partial<Record<SendgridEventType, { to: MailStatus; from: MailStatus[] }>> = {
  deferred: { to: 'deferred', from: ['sent'] },
  delivered: { to: 'delivered', from: ['sent', 'deferred'] },
  bounce: { to: 'bounced', from: ['sent', 'deferred', 'delivered'] },
  dropped: { to: 'dropped', from: ['sent', 'deferred', 'delivered'] },
};

/** A `blocked` bounce is a temporary refusal (reputation, content); only hard bounces suppress. */
function suppressionReason(event: ProviderEvent): 'bounce' | 'spamreport' | 'unsubscribe' | null {
  if (event.type === 'bounce') return event.bounceType === 'blocked' ? null : 'bounce';
  if (event.type === 'spamreport' || event.type === 'unsubscribe') return event.type;
  return null;
}

export interface RecordOutcome {
  recorded: number;
  /** Already recorded by an earlier delivery of the same event (SendGrid retries batches). */
  duplicates: number;
  /** For no message of ours: logged and acknowledged, since SendGrid cannot fix them by retrying. */
  unknownMessage: number;
  statusChanges: number;
  suppressed: number;
}

/**
 * Applies one webhook batch in one transaction: every event lands on its message's
 * timeline once (the unique provider_event_id makes a replay a no-op, even when two
 * deliveries of one batch race), statuses move forward only, and bounces, spam reports
 * and unsubscribes put the address on the suppression list.
 */
export async function recordProviderEvents(db: Executor, events: ProviderEvent[]): Promise<RecordOutcome> {
  const outcome: RecordOutcome = { recorded: 0, duplicates: 0, unknownMessage: 0, statusChanges: 0, suppressed: 0 };
  const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  await db.transaction().execute(async (trx) => {
    const t = tablesOf<MailTables>(trx);
    for (const event of ordered) {
      const messageId = await findMessage(trx, event);
      const reason = suppressionReason(event);
      if (messageId === null) {
        outcome.unknownMessage += 1;
        // SendGrid signed it, so the address did bounce or complain even if we lost track of the mail
        if (reason && (await suppressAddress(trx, { address: event.email, reason, sourceMessageId: null }))) outcome.suppressed += 1;
        continue;
      }
      const inserted = await t
        .insertInto('mail_events')
        .values({
          message_id: messageId,
          type: event.type,
          occurred_at: event.occurredAt,
          source: 'provider',
          detail: event.detail,
          provider_event_id: event.eventId,
        })
        .onConflict((oc) => oc.column('provider_event_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        outcome.duplicates += 1;
        continue;
      }
      outcome.recorded += 1;
      const move = TRANSITIONS[event.type];
      if (move) {
        const changed = await t
          .updateTable('mail_messages')
          .set({ status: move.to, updated_at: sql`now()` })
          .where('id', '=', messageId)
          .where('status', 'in', move.from)
          .executeTakeFirst();
        outcome.statusChanges += Number(changed.numUpdatedRows);
      }
      if (reason && (await suppressAddress(trx, { address: event.email, reason, sourceMessageId: messageId }))) outcome.suppressed += 1;
    }
  });
  return outcome;
}

/**
 * Our id travels as a custom arg; older sends, or events whose custom args were lost,
 * still match by SendGrid's message id, whose first segment is what the send call returned.
 */
async function findMessage(trx: Executor, event: ProviderEvent): Promise<number | null> {
  const t = tablesOf<MailTables>(trx);
  if (event.hatagoMessageId !== null) {
    const row = await t.selectFrom('mail_messages').select('id').where('id', '=', event.hatagoMessageId).executeTakeFirst();
    if (row) return Number(row.id);
  }
  if (event.sgMessageId) {
    const providerId = event.sgMessageId.split('.')[0]!;
    const row = await t
      .selectFrom('mail_messages')
      .select('id')
      .where('provider_message_id', '=', providerId)
      .executeTakeFirst();
    if (row) return Number(row.id);
  }
  return null;
}
