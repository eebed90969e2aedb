import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { DiningErrors } from '../dining-errors.ts';
import type { DiningTables } from '../dining-tables.ts';
import type { BookingMode, CapacityMode } from '../restaurants/restaurant.ts';

/** A restaurant as its own staff see it: what the console's pages and forms start from. */
export interface ManagedRestaurant {
  id: number;
  name: { ja: string; en: string };
  opensAt: string;
  closesAt: string;
  capacityMode: CapacityMode;
  /** The room's seats when sold by the seat. */
  seats: number | null;
  /** The room's tables by size when sold by the table, smallest first. */
  tables: Array<{ seats: number; tables: number; minParty: number }>;
  bookingMode: BookingMode;
  contactEmail: string;
}

export async function getManagedRestaurant(db: Executor, restaurantId: number): Promise<ManagedRestaurant> {
  const t = tablesOf<DiningTables>(db);
  const row = await t.selectFrom('restaurants').selectAll().where('id', '=', restaurantId).executeTakeFirst();
  if (!row) throw notFound(DiningErrors.RESTAURANT_NOT_FOUND, 'No such restaurant');
  const tables = await t.selectFrom('restaurant_tables').selectAll().where('restaurant_id', '=', restaurantId).orderBy('seats').execute();
  return {
    id: row.id,
    name: { ja: row.name_ja, en: row.name_en },
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    capacityMode: row.capacity_mode,
    seats: row.seats,
    tables: tables.map((x) => ({ seats: x.seats, tables: x.tables, minParty: x.min_party })),
    bookingMode: row.booking_mode,
    contactEmail: row.contact_email,
  };
}
