import { sql } from 'kysely';
import { type Executor, isCheckViolation, tablesOf } from '@hatago/db';
import { FieldErrors, invalid } from '@hatago/platform/errors';
import type { CatalogTables } from '../catalog-tables.ts';
import { type FormInput, readChoice, readInteger } from '@hatago/platform/input';
import { lockedNights } from '../inventory/room-inventory.ts';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';
import { enqueueInventoryNotice } from './inventory-notice.ts';
import { daysOfMonth } from './month.ts';
import { readNightRange } from './night-range.ts';
import { getRoomType } from './room-types.ts';
import { CatalogErrors } from '../catalog-errors.ts';

export const MAX_ROOMS_PER_NIGHT = 9999;

export interface InventoryDay {
  date: string;
  /** Rooms offered that night; null when none were ever set (nothing is for sale). */
  total: number | null;
  reserved: number;
  free: number;
  stopSell: boolean;
}

const nightsJson = (nights: string[]) => sql`(select n.night::date from jsonb_array_elements_text(${JSON.stringify(nights)}::jsonb) as n(night))`;

const belowReserved = (message: string) => invalid(CatalogErrors.INVENTORY_BELOW_RESERVED, [{ field: 'total', message }]);

/**
 * Offers `total` rooms on every chosen night of a range. Nights are locked first (in the
 * order bookings lock them), so no booking can slip in between the check and the write;
 * a total below what is already reserved on any night refuses the whole change.
 */
export async function setInventoryTotal(db: Executor, context: ManagementContext, roomTypeId: unknown, form: FormInput): Promise<{ nights: number }> {
  const roomType = await getRoomType(db, context.hotelId, roomTypeId);
  const errors = new FieldErrors();
  const { range, nights } = readNightRange(errors, form);
  const total = readInteger(errors, form, 'total', { label: 'Rooms', min: 0, max: MAX_ROOMS_PER_NIGHT });
  errors.throwIfAny(CatalogErrors.INVALID_INVENTORY);
  await commitChange(db, context, 'inventory', async (trx) => {
    const { rows } = await lockedNights(roomType.id, sql`stay_date in ${nightsJson(nights)}`).execute(trx);
    const over = rows.filter((night) => night.reserved > total);
    if (over.length) {
      const most = over.reduce((a, b) => (b.reserved > a.reserved ? b : a));
      throw belowReserved(
        `${over.length} night(s) already have more than ${total} rooms reserved (${most.reserved} on ${most.stay_date}); set at least ${most.reserved} or pick other nights`,
      );
    }
    try {
      await sql`
        insert into room_inventory (room_type_id, stay_date, total)
        select ${roomType.id}::int, night, ${total}::int from ${nightsJson(nights)} as chosen(night)
        on conflict (room_type_id, stay_date) do update set total = excluded.total
      `.execute(trx);
    } catch (error) {
      // The lock above makes this unreachable today; the constraint still has the last word.
      if (isCheckViolation(error)) throw belowReserved(`Rooms cannot be fewer than those already reserved`);
      throw error;
    }
    await auditChange(trx, context, 'inventory.set_total', { type: 'room_type', id: roomType.id }, { ...range, total, nights: nights.length });
    await enqueueInventoryNotice(trx, context, { action: 'set_total', roomTypeId: roomType.id, range });
  });
  return { nights: nights.length };
}

/** Stops or resumes sale on the chosen nights that have rooms set; reservations stay. */
export async function setStopSell(db: Executor, context: ManagementContext, roomTypeId: unknown, form: FormInput): Promise<{ nights: number }> {
  const roomType = await getRoomType(db, context.hotelId, roomTypeId);
  const errors = new FieldErrors();
  const { range, nights } = readNightRange(errors, form);
  const stopSell = readChoice(errors, form, 'stopSell', { label: 'Sale state', choices: ['on', 'off'] as const }) === 'on';
  errors.throwIfAny(CatalogErrors.INVALID_INVENTORY);
  return commitChange(db, context, 'inventory', async (trx) => {
    const result = await sql`
      with locked as (${lockedNights(roomType.id, sql`stay_date in ${nightsJson(nights)}`)})
      update room_inventory ri set stop_sell = ${stopSell}
      from locked
      where ri.room_type_id = ${roomType.id} and ri.stay_date = locked.stay_date
    `.execute(trx);
    const changed = Number(result.numAffectedRows ?? 0);
    if (changed === 0) throw invalid(CatalogErrors.NO_INVENTORY_IN_RANGE, [{ field: 'from', message: 'No rooms are set on these nights; set rooms first' }]);
    await auditChange(trx, context, stopSell ? 'inventory.stop_sell' : 'inventory.resume_sale', { type: 'room_type', id: roomType.id }, {
      ...range,
      nights: changed,
    });
    await enqueueInventoryNotice(trx, context, { action: stopSell ? 'stop_sell' : 'resume_sale', roomTypeId: roomType.id, range });
    return { nights: changed };
  });
}

export async function inventoryMonth(db: Executor, hotelId: number, roomTypeId: unknown, month: string): Promise<InventoryDay[]> {
  const roomType = await getRoomType(db, hotelId, roomTypeId);
  const days = daysOfMonth(month);
  const rows = await tablesOf<CatalogTables>(db)
    .selectFrom('room_inventory')
    .select(['stay_date', 'total', 'reserved', 'stop_sell'])
    .where('room_type_id', '=', roomType.id)
    .where('stay_date', '>=', days[0]!)
    .where('stay_date', '<=', days.at(-1)!)
    .execute();
  const byDate = new Map(rows.map((r) => [r.stay_date, r]));
  return days.map((date) => {
    const row = byDate.get(date);
    return row
      ? { date, total: row.total, reserved: row.reserved, free: row.total - row.reserved, stopSell: row.stop_sell }
      : { date, total: null, reserved: 0, free: 0, stopSell: false };
  });
}
