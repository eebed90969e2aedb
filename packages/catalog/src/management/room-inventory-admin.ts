import { type Executor, tablesOf } from '@hatago/db';
import type { CatalogTables } from '../catalog-tables.ts';
import { daysOfMonth } from './month.ts';
import { getRoomType } from './room-types.ts';

export const MAX_ROOMS_PER_NIGHT = 9999;

export interface InventoryDay {
  date: string;
  /** Rooms offered that night; null when none were ever set (nothing is for sale). */
  total: number | null;
  reserved: number;
  free: number;
  stopSell: boolean;
  minStay: number;
  closedToArrival: boolean;
  closedToDeparture: boolean;
}

export async function inventoryMonth(db: Executor, hotelId: number, roomTypeId: unknown, month: string): Promise<InventoryDay[]> {
  const roomType = await getRoomType(db, hotelId, roomTypeId);
  const days = daysOfMonth(month);
  const rows = await tablesOf<CatalogTables>(db)
    .selectFrom('room_inventory')
    .select(['stay_date', 'total', 'reserved', 'stop_sell', 'min_stay', 'closed_to_arrival', 'closed_to_departure'])
    .where('room_type_id', '=', roomType.id)
    .where('stay_date', '>=', days[0]!)
    .where('stay_date', '<=', days.at(-1)!)
    .execute();
  const byDate = new Map(rows.map((r) => [r.stay_date, r]));
  return days.map((date) => {
    const row = byDate.get(date);
    return row
      ? {
          date,
          total: row.total,
          reserved: row.reserved,
          free: row.total - row.reserved,
          stopSell: row.stop_sell,
          minStay: row.min_stay,
          closedToArrival: row.closed_to_arrival,
          closedToDeparture: row.closed_to_departure,
        }
      : { date, total: null, reserved: 0, free: 0, stopSell: false, minStay: 1, closedToArrival: false, closedToDeparture: false };
  });
}
