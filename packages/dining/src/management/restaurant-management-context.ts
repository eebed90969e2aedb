import { recordAudit } from '@hatago/audit';
import type { Executor } from '@hatago/db';
import type { DiningContext } from '../dining-context.ts';

/**
 * Who changes a restaurant, and which one: every query and write of the console is scoped
 * by it. As a `DiningContext`, it carries the publisher told once a change committed.
 */
export interface RestaurantManagementContext extends DiningContext {
  restaurantId: number;
  actor: { id: number; name: string };
  requestId: string;
}

/**
 * Runs a change in a transaction and publishes it after the commit (never inside: a reader
 * refilling the cache in between would store the old rows under the new version), as
 * catalogue management does for hotels.
 */
export async function commitRestaurantChange<T>(
  context: RestaurantManagementContext,
  kind: 'booking' | 'restaurant',
  work: (trx: Executor) => Promise<T>,
): Promise<T> {
  const result = await context.db.transaction().execute(work);
  await context.changes.publish({ restaurantId: context.restaurantId, kind });
  return result;
}

/** Records a restaurant staff change in the audit log, inside the transaction that makes it. */
export function auditRestaurantChange(
  trx: Executor,
  context: RestaurantManagementContext,
  action: string,
  target: { type: 'restaurant' | 'seating' | 'course' | 'table_reservation'; id: number | string },
  detail: Record<string, unknown>,
): Promise<void> {
  return recordAudit(trx, {
    actor: { kind: 'facility', ...context.actor },
    action,
    target: { type: target.type, id: String(target.id) },
    detail: { restaurantId: context.restaurantId, ...detail },
    requestId: context.requestId,
  });
}
