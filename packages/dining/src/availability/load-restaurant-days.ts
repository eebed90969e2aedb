import type { Selectable } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';
import type { DiningTables } from '../dining-tables.ts';
import { type Cuisine, weekdayBit } from '../restaurants/restaurant.ts';
import type { CapacityUnit, Course, RestaurantDay, SeatingDay } from './restaurant-day.ts';

export interface RestaurantFilter {
  ids?: number[];
  areaId?: string;
  cuisine?: Cuisine;
}

/**
 * The restaurants matching the filter on one date, best recommended first, in five queries
 * whatever their number. A seating's free capacity is its stock row when it was ever
 * booked on that date, otherwise the restaurant's whole room.
 */
export async function loadRestaurantDays(db: Executor, filter: RestaurantFilter, date: string): Promise<RestaurantDay[]> {
  if (filter.ids?.length === 0) return [];
  const t = tablesOf<DiningTables>(db);
  let query = t
    .selectFrom('restaurants as r')
    .leftJoin('restaurant_holidays as h', (join) => join.onRef('h.restaurant_id', '=', 'r.id').on('h.holiday', '=', date))
    .select(['r.id', 'r.area_id', 'r.name_ja', 'r.name_en', 'r.cuisine', 'r.price_band', 'r.capacity_mode', 'r.booking_mode', 'r.seats', 'r.open_weekdays', 'h.holiday'])
    .orderBy('r.recommendation', 'desc')
    .orderBy('r.id');
  if (filter.ids) query = query.where('r.id', 'in', filter.ids);
  if (filter.areaId) query = query.where('r.area_id', '=', filter.areaId);
  if (filter.cuisine) query = query.where('r.cuisine', '=', filter.cuisine);
  const restaurants = await query.execute();
  if (restaurants.length === 0) return [];
  const ids = restaurants.map((r) => r.id);

  const [seatings, courses, tables] = await Promise.all([
    t.selectFrom('restaurant_seatings').selectAll().where('restaurant_id', 'in', ids).orderBy('starts_at').execute(),
    t.selectFrom('restaurant_courses').selectAll().where('restaurant_id', 'in', ids).where('active', '=', true).orderBy('sort_order').execute(),
    t.selectFrom('restaurant_tables').selectAll().where('restaurant_id', 'in', ids).execute(),
  ]);
  const stock = seatings.length
    ? await t
        .selectFrom('seating_stock')
        .select(['seating_id', 'table_seats', 'total', 'reserved'])
        .where('seating_id', 'in', seatings.map((s) => s.id))
        .where('service_date', '=', date)
        .execute()
    : [];

  return restaurants.map((r): RestaurantDay => {
    const room: CapacityUnit[] =
      r.seats !== null
        ? [{ tableSeats: 0, minParty: 1, free: r.seats }]
        : tables.filter((x) => x.restaurant_id === r.id).map((x) => ({ tableSeats: x.seats, minParty: x.min_party, free: x.tables }));
    const daySeatings = seatings
      .filter((s) => s.restaurant_id === r.id)
      .map((s): SeatingDay => ({
        id: s.id,
        time: s.starts_at,
        durationMinutes: s.duration_minutes,
        units: room.map((unit) => {
          const sold = stock.find((row) => row.seating_id === s.id && row.table_seats === unit.tableSeats);
          return sold ? { ...unit, free: sold.total - sold.reserved } : unit;
        }),
      }));
    return {
      restaurant: {
        id: r.id,
        areaId: r.area_id,
        name: { ja: r.name_ja, en: r.name_en },
        cuisine: r.cuisine,
        priceBand: r.price_band,
        capacityMode: r.capacity_mode,
        bookingMode: r.booking_mode,
      },
      date,
      closed: r.holiday !== null || (r.open_weekdays & weekdayBit(date)) === 0,
      seatings: daySeatings,
      courses: courses.filter((c) => c.restaurant_id === r.id).map(toCourse),
    };
  });
}

function toCourse(row: Selectable<DiningTables['restaurant_courses']>): Course {
  return {
    id: row.id,
    name: { ja: row.name_ja, en: row.name_en },
    pricePerPerson: row.price_per_person,
    seatOnly: row.seat_only,
    minParty: row.min_party,
    maxParty: row.max_party,
    weekdays: row.weekdays,
    servedFrom: row.served_from,
    servedUntil: row.served_until,
    advanceDays: row.advance_days,
    cutoffMinutes: row.cutoff_minutes,
    cancelFees: row.cancel_fees,
  };
}
