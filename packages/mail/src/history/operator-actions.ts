import { recordAudit } from '@hatago/audit';
import { type Executor, tablesOf } from '@hatago/db';
import { conflict, notFound } from '@hatago/platform/errors';
import { sql } from 'kysely';
import type { MailStatus, MailTables } from '../mail-tables.ts';
import { MailErrors } from '../mail-errors.ts';

/** Messages the workers gave up on; only these wait for an operator's decision. */
export const OPERATOR_ACTIONABLE: readonly MailStatus[] = ['dead', 'failed'];

export interface OperatorMailAction {
  operator: { id: number; name: string };
  requestId: string;
}

/**
 * Puts a dead or failed message back on the queue with a fresh retry budget (the worker
 * dead-letters by attempt count, so keeping the old count would give it one try), due
 * now. The timeline entry and the audit entry commit with the status change.
 */
export function retryMessage(db: Executor, id: number, action: OperatorMailAction): Promise<void> {
  return decide(db, id, action, 'retry', { status: 'queued', attempts: 0, next_attempt_at: sql`now()`, leased_by: null });
}

/** Gives up on a dead or failed message for good; it stays in the history as discarded. */
export function discardMessage(db: Executor, id: number, action: OperatorMailAction): Promise<void> {
  return decide(db, id, action, 'discard', { status: 'discarded' });
}

async function decide(
  db: Executor,
  id: number,
  action: OperatorMailAction,
  verb: 'retry' | 'discard',
  change: Record<string, unknown>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const t = tablesOf<MailTables>(trx);
    const before = await t.selectFrom('mail_messages').select(['status', 'attempts', 'last_error']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound(MailErrors.MAIL_NOT_FOUND, `No message #${id}`);
    if (!OPERATOR_ACTIONABLE.includes(before.status)) {
      throw conflict(MailErrors.MAIL_NOT_ACTIONABLE, `Only dead or failed messages can be retried or discarded; this one is ${before.status}`);
    }
    await t
      .updateTable('mail_messages')
      .set({ ...change, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await t
      .insertInto('mail_events')
      .values({ message_id: id, type: verb === 'retry' ? 'retried' : 'discarded', source: 'operator', detail: `by ${action.operator.name}` })
      .execute();
    await recordAudit(trx, {
      actor: { kind: 'operator', ...action.operator },
      action: `mail.${verb}`,
      target: { type: 'mail_message', id: String(id) },
      detail: { status: before.status, attempts: Number(before.attempts), lastError: before.last_error },
      requestId: action.requestId,
    });
  });
}
