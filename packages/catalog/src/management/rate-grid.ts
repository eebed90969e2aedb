import { createHash } from 'node:crypto';
import { type Executor, tablesOf } from '@hatago/db';
import { addDays, isValidDate, tokyoToday } from '@hatago/platform/time';
import type { CatalogTables } from '../catalog-tables.ts';
import { listPlans } from './rate-plans.ts';
import { listRoomTypes } from './room-types.ts';

/** Days the rate and availability grid shows and saves at once. */
export const GRID_DAYS = 14;
export const MAX_MIN_STAY = 14;

export interface GridNight {
  date: string;
  /** Rooms for sale; null when none were ever set (the night is not on sale). */
  total: number | null;
  reserved: number;
  stopSell: boolean;
  minStay: number;
  closedToArrival: boolean;
  closedToDeparture: boolean;
}

export interface GridPlan {
  id: number;
  nameEn: string;
  nameJa: string;
  /** One per date of the grid; null when the plan has no price that night. */
  prices: Array<number | null>;
  /** One per date: element n-1 is one room's price for n guests (null: the single price); null when the night has none. */
  occupancyPrices: Array<Array<number | null> | null>;
}

export interface GridRoomType {
  id: number;
  nameEn: string;
  nameJa: string;
  /** Guests a room holds: no price is set for more. */
  capacity: number;
  nights: GridNight[];
  plans: GridPlan[];
}

export interface RateGrid {
  from: string;
  dates: string[];
  roomTypes: GridRoomType[];
  /**
   * What staff set on these dates, as a hash: a grid saved from a page whose version is no
   * longer current would put back what someone else changed since, so it is refused. Rooms
   * sold are left out, or every booking would refuse the grid.
   */
  version: string;
}

/** The grid's first date: as asked when it is a date, else today in Tokyo. */
export const parseGridStart = (value: unknown, today = tokyoToday()): string => (typeof value === 'string' && isValidDate(value) ? value : today);

export const gridDates = (from: string): string[] => Array.from({ length: GRID_DAYS }, (_, i) => addDays(from, i));

const unsetNight = (date: string): GridNight => ({ date, total: null, reserved: 0, stopSell: false, minStay: 1, closedToArrival: false, closedToDeparture: false });

/** Every room type of a hotel × GRID_DAYS dates from `from`: inventory, restrictions and each plan's prices. */
export async function rateGrid(db: Executor, hotelId: number, from: string): Promise<RateGrid> {
  const dates = gridDates(from);
  const [roomTypes, plans] = await Promise.all([listRoomTypes(db, hotelId), listPlans(db, hotelId)]);
  const t = tablesOf<CatalogTables>(db);
  const roomTypeIds = roomTypes.map((rt) => rt.id);
  const planIds = plans.map((p) => p.id);
  const [nights, prices] = await Promise.all([
    roomTypeIds.length === 0
      ? []
      : t
          .selectFrom('room_inventory')
          .selectAll()
          .where('room_type_id', 'in', roomTypeIds)
          .where('stay_date', '>=', dates[0]!)
          .where('stay_date', '<=', dates.at(-1)!)
          .execute(),
    planIds.length === 0
      ? []
      : t.selectFrom('plan_prices').selectAll().where('plan_id', 'in', planIds).where('stay_date', '>=', dates[0]!).where('stay_date', '<=', dates.at(-1)!).execute(),
  ]);
  const nightOf = new Map(nights.map((n) => [`${n.room_type_id}|${n.stay_date}`, n]));
  const priceOf = new Map(prices.map((p) => [`${p.plan_id}|${p.stay_date}`, p]));
  const shown: Omit<RateGrid, 'version'> = {
    from,
    dates,
    roomTypes: roomTypes.map((rt) => ({
      id: rt.id,
      nameEn: rt.nameEn,
      nameJa: rt.nameJa,
      capacity: rt.capacity,
      nights: dates.map((date) => {
        const row = nightOf.get(`${rt.id}|${date}`);
        return row
          ? {
              date,
              total: row.total,
              reserved: row.reserved,
              stopSell: row.stop_sell,
              minStay: row.min_stay,
              closedToArrival: row.closed_to_arrival,
              closedToDeparture: row.closed_to_departure,
            }
          : unsetNight(date);
      }),
      plans: plans
        .filter((p) => p.roomTypeId === rt.id)
        .map((p) => {
          const rows = dates.map((date) => priceOf.get(`${p.id}|${date}`));
          return { id: p.id, nameEn: p.nameEn, nameJa: p.nameJa, prices: rows.map((r) => r?.price ?? null), occupancyPrices: rows.map((r) => r?.occupancy_prices ?? null) };
        }),
    })),
  };
  return { ...shown, version: versionOf(shown) };
}

function versionOf(grid: Omit<RateGrid, 'version'>): string {
  const set = grid.roomTypes.map((rt) => [rt.id, rt.nights.map(({ reserved: _sold, ...n }) => n), rt.plans.map((p) => [p.id, p.prices])]);
  return createHash('sha256').update(JSON.stringify(set)).digest('hex').slice(0, 32);
}

/** The form field of one grid cell: `<what>_<room type or plan id>_<date>`. */
export const gridField = (what: 'total' | 'stop' | 'minStay' | 'cta' | 'ctd' | 'price', id: number, date: string) => `${what}_${id}_${date}`;
