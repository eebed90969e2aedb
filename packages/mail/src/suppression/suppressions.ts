import { recordAudit } from '@hatago/audit';
import { type Executor, tablesOf } from '@hatago/db';
import { DomainError, FieldErrors } from '@hatago/platform/errors';
import type { Selectable } from 'kysely';
import type { MailTables } from '../mail-tables.ts';
import { MailErrors } from '../mail-errors.ts';

export type SuppressionReason = MailTables['mail_suppressions']['reason'];

export interface Suppression {
  address: string;
  reason: SuppressionReason;
  sourceMessageId: number | null;
  createdAt: string;
}

export const LIFT_REASON_MAX = 500;

/**
 * Puts an address on the list (lowercased: mailbox providers treat case as one address).
 * The first reason stays: a later unsubscribe does not hide the bounce that came first.
 * Returns whether the address was newly suppressed.
 */
export async function suppressAddress(
  trx: Executor,
  entry: { address: string; reason: SuppressionReason; sourceMessageId: number | null },
): Promise<boolean> {
  const address = entry.address.trim().toLowerCase();
  if (!address) return false;
  const inserted = await tablesOf<MailTables>(trx)
    .insertInto('mail_suppressions')
    .values({ address, reason: entry.reason, source_message_id: entry.sourceMessageId })
    .onConflict((oc) => oc.column('address').doNothing())
    .returning('address')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * An operator takes an address off the list, e.g. after the guest fixed a full mailbox.
 * The audit entry commits with the removal, keeping what the suppression was.
 */
export async function liftSuppression(
  db: Executor,
  lift: { address: unknown; reason: unknown; operator: { id: number; name: string }; requestId: string },
): Promise<Suppression> {
  const address = typeof lift.address === 'string' ? lift.address.trim().toLowerCase() : '';
  const reason = typeof lift.reason === 'string' ? lift.reason.trim() : '';
  const errors = new FieldErrors();
  if (!reason) errors.add('reason', 'Give the reason for lifting the suppression');
  else if (reason.length > LIFT_REASON_MAX) errors.add('reason', `Keep the reason to ${LIFT_REASON_MAX} characters`);
  else if (reason.includes('\u0000')) errors.add('reason', 'Remove the control character (NUL)');
  errors.throwIfAny(MailErrors.INVALID_SUPPRESSION_LIFT);
  return db.transaction().execute(async (trx) => {
    const removed = await tablesOf<MailTables>(trx)
      .deleteFrom('mail_suppressions')
      .where('address', '=', address)
      .returningAll()
      .executeTakeFirst();
    if (!removed) throw new DomainError('not_found', MailErrors.SUPPRESSION_NOT_FOUND, 'This address is not suppressed');
    const lifted = toSuppression(removed);
    await recordAudit(trx, {
      actor: { kind: 'operator', ...lift.operator },
      action: 'mail.suppression.lift',
      target: { type: 'mail_address', id: lifted.address },
      detail: { reason, suppressedFor: lifted.reason, since: lifted.createdAt, sourceMessageId: lifted.sourceMessageId },
      requestId: lift.requestId,
    });
    return lifted;
  });
}

export interface SuppressionFilter {
  /** Part of the address, case-insensitive. */
  address?: string;
  page: number;
  pageSize: number;
}

const filtered = (db: Executor, filter: SuppressionFilter) => {
  let query = tablesOf<MailTables>(db).selectFrom('mail_suppressions');
  if (filter.address) query = query.where('address', 'like', `%${escapeLike(filter.address.toLowerCase())}%`);
  return query;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Newest first. */
export async function listSuppressions(db: Executor, filter: SuppressionFilter): Promise<{ items: Suppression[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('address')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    filtered(db, filter).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSuppression), total: Number(count.n) };
}

function toSuppression(row: Selectable<MailTables['mail_suppressions']>): Suppression {
  return {
    address: row.address,
    reason: row.reason,
    sourceMessageId: row.source_message_id === null ? null : Number(row.source_message_id),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
