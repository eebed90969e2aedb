import { type Executor, tablesOf } from '@hatago/db';
import type { CatalogTables } from '../catalog-tables.ts';

export interface HotelContact {
  /** The front desk's address for notices; null when the hotel gave none. */
  email: string | null;
  name: { ja: string; en: string };
}

/** Who at a hotel hears about its reservations, read inside the booking's own transaction. */
export async function getHotelContact(db: Executor, hotelId: number): Promise<HotelContact | undefined> {
  const row = await tablesOf<CatalogTables>(db)
    .selectFrom('hotels')
    .select(['contact_email', 'name_ja', 'name_en'])
    .where('id', '=', hotelId)
    .executeTakeFirst();
  return row ? { email: row.contact_email, name: { ja: row.name_ja, en: row.name_en } } : undefined;
}
