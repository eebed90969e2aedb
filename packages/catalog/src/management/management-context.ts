import { recordAudit } from '@hatago/audit';
import type { Executor } from '@hatago/db';
import type { CatalogChangeKind, CatalogChangePublisher } from '../changes/catalog-change.ts';

/** Who changes the catalogue, and for which hotel: every query and write is scoped by it. */
export interface ManagementContext {
  hotelId: number;
  actor: { id: number; name: string };
  requestId: string;
  /** Told of every change once it is committed, so cached pages and search results drop it. */
  changes: CatalogChangePublisher;
}

/**
 * Runs a change in a transaction and, once it committed, publishes it: every change goes
 * through here, so none can leave cached copies of the old catalogue behind. (Published
 * after the commit, never inside: a reader that refilled the cache in between would
 * otherwise store the old rows under the new version.)
 */
export async function commitChange<T>(
  db: Executor,
  context: ManagementContext,
  kind: CatalogChangeKind,
  work: (trx: Executor) => Promise<T>,
): Promise<T> {
  const result = await db.transaction().execute(work);
  await context.changes.publish({ hotelId: context.hotelId, kind });
  return result;
}

/** Records a facility change in the audit log, inside the transaction that makes it. */
export function auditChange(
  trx: Executor,
  context: ManagementContext,
  action: string,
  target: { type: 'hotel' | 'room_type' | 'rate_plan'; id: number },
  detail: Record<string, unknown>,
): Promise<void> {
  return recordAudit(trx, {
    actor: { kind: 'facility', ...context.actor },
    action,
    target: { type: target.type, id: String(target.id) },
    detail: { hotelId: context.hotelId, ...detail },
    requestId: context.requestId,
  });
}
