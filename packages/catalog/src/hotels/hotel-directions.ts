import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import type { CatalogTables } from '../catalog-tables.ts';
import { CatalogErrors } from '../catalog-errors.ts';

/** What a guest holding a booking needs to reach the hotel: where it is, when to arrive and leave, whom to write to. */
export interface HotelDirections {
  name: { ja: string; en: string };
  address: string;
  /** 'HH:MM', Tokyo time: check-in from, check-out by. */
  checkinTime: string;
  checkoutTime: string;
  /** The front desk; null when the hotel gave none. */
  frontDeskEmail: string | null;
}

/** As the hotel's profile says now, so a moved front desk or a changed check-in time reaches every confirmation. */
export async function getHotelDirections(db: Executor, hotelId: number): Promise<HotelDirections> {
  const row = await tablesOf<CatalogTables>(db)
    .selectFrom('hotels')
    .select(['name_ja', 'name_en', 'address', 'checkin_time', 'checkout_time', 'contact_email'])
    .where('id', '=', hotelId)
    .executeTakeFirst();
  if (!row) throw notFound(CatalogErrors.HOTEL_NOT_FOUND, `Hotel ${hotelId} does not exist`);
  return {
    name: { ja: row.name_ja, en: row.name_en },
    address: row.address,
    checkinTime: row.checkin_time,
    checkoutTime: row.checkout_time,
    frontDeskEmail: row.contact_email,
  };
}
