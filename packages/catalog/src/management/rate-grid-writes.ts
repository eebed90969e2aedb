import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { enqueueInventoryNotice } from './inventory-notice.ts';
import type { ManagementContext } from './management-context.ts';

/** What one change sets on one room type's night; null leaves a value as it is. */
export interface NightChange {
  roomTypeId: number;
  date: string;
  total: number | null;
  stopSell: boolean | null;
  minStay: number | null;
  closedToArrival: boolean | null;
  closedToDeparture: boolean | null;
}

export interface PriceChange {
  planId: number;
  date: string;
  price: number;
}

/**
 * Locks the nights a change touches in (room type, date) order, the order bookings and
 * moves take, so none slips in between the check against what is sold and the write;
 * answers what each holds reserved.
 */
export async function lockSoldNights(trx: Executor, changes: NightChange[]): Promise<Map<string, number>> {
  if (changes.length === 0) return new Map();
  const { rows } = await sql<{ room_type_id: number; stay_date: string; reserved: number }>`
    select ri.room_type_id, ri.stay_date, ri.reserved
    from room_inventory ri
    join jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as c("roomTypeId" int, date date)
      on ri.room_type_id = c."roomTypeId" and ri.stay_date = c.date
    order by ri.room_type_id, ri.stay_date
    for update of ri`.execute(trx);
  return new Map(rows.map((r) => [nightKey(r.room_type_id, r.stay_date), r.reserved]));
}

export const nightKey = (roomTypeId: number, date: string) => `${roomTypeId}|${date}`;

/**
 * Writes the nights: a total makes the night if it was never on sale; the rest changes only
 * nights that exist. Answers how many nights exist among those changed.
 */
export async function writeNights(trx: Executor, changes: NightChange[]): Promise<number> {
  if (changes.length === 0) return 0;
  const recordset = sql`jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as c(
    "roomTypeId" int, date date, total int, "stopSell" boolean, "minStay" int, "closedToArrival" boolean, "closedToDeparture" boolean)`;
  await sql`
    insert into room_inventory (room_type_id, stay_date, total)
    select c."roomTypeId", c.date, c.total from ${recordset} where c.total is not null
    on conflict (room_type_id, stay_date) do update set total = excluded.total`.execute(trx);
  const updated = await sql`
    update room_inventory ri set
      stop_sell = coalesce(c."stopSell", ri.stop_sell),
      min_stay = coalesce(c."minStay", ri.min_stay),
      closed_to_arrival = coalesce(c."closedToArrival", ri.closed_to_arrival),
      closed_to_departure = coalesce(c."closedToDeparture", ri.closed_to_departure)
    from ${recordset}
    where ri.room_type_id = c."roomTypeId" and ri.stay_date = c.date`.execute(trx);
  return Number(updated.numAffectedRows ?? 0);
}

export async function writePrices(trx: Executor, changes: PriceChange[]): Promise<void> {
  if (changes.length === 0) return;
  await sql`
    insert into plan_prices (plan_id, stay_date, price)
    select c."planId", c.date, c.price from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as c("planId" int, date date, price int)
    on conflict (plan_id, stay_date) do update set price = excluded.price`.execute(trx);
}

/** Tells operators, as every inventory change does, once per room type whose nights changed, over the nights it changed. */
export async function noticeNightChanges(trx: Executor, context: ManagementContext, action: string, changes: NightChange[]): Promise<void> {
  const byRoomType = new Map<number, string[]>();
  for (const c of changes) byRoomType.set(c.roomTypeId, [...(byRoomType.get(c.roomTypeId) ?? []), c.date]);
  for (const [roomTypeId, dates] of byRoomType) {
    dates.sort();
    await enqueueInventoryNotice(trx, context, { action, roomTypeId, range: { from: dates[0]!, to: dates.at(-1)!, weekdays: null } });
  }
}
