import { type Executor, tablesOf } from '@hatago/db';
import { enqueueNotice } from '@hatago/mail';
import type { CatalogTables } from '../catalog-tables.ts';
import { facilityInventoryChanged } from '../mail/facility-inventory-changed.ts';
import type { ManagementContext } from './management-context.ts';
import type { NightRange } from './night-range.ts';

/** The Slack channel where operators follow what facilities change. */
export const FACILITY_OPS_CHANNEL = 'facility-ops';

/**
 * Tells operators in Slack that a hotel changed its room inventory, queued in the
 * transaction of the change: a change that rolls back announces nothing. The request id
 * keys it, so a retried transaction does not announce the change twice.
 */
export async function enqueueInventoryNotice(
  trx: Executor,
  context: ManagementContext,
  change: { action: string; roomTypeId: number; range: NightRange },
): Promise<void> {
  const hotel = await tablesOf<CatalogTables>(trx).selectFrom('hotels').select('name_en').where('id', '=', context.hotelId).executeTakeFirstOrThrow();
  await enqueueNotice(trx, facilityInventoryChanged, {
    channel: FACILITY_OPS_CHANNEL,
    params: { hotelId: context.hotelId, hotelName: hotel.name_en, from: change.range.from, to: change.range.to, staff: context.actor.name },
    idempotencyKey: `facility-inventory-changed:${context.requestId}:${change.action}:${change.roomTypeId}`,
  });
}
