import { type Executor, tablesOf } from '@hatago/db';
import type { CatalogTables } from '../catalog-tables.ts';
import { type AmenityCode, inAmenityOrder } from './hotel-amenities.ts';

/** The hotel's amenities in the list's order; a code no longer in the list is left out, never shown bare. */
export async function readHotelAmenities(db: Executor, hotelId: number): Promise<AmenityCode[]> {
  const rows = await tablesOf<CatalogTables>(db).selectFrom('hotel_amenities').select('amenity').where('hotel_id', '=', hotelId).execute();
  return inAmenityOrder(rows.map((r) => r.amenity));
}

/** Replaces the hotel's amenities with these, in the caller's transaction. */
export async function writeHotelAmenities(trx: Executor, hotelId: number, amenities: readonly AmenityCode[]): Promise<void> {
  const t = tablesOf<CatalogTables>(trx);
  await t.deleteFrom('hotel_amenities').where('hotel_id', '=', hotelId).execute();
  if (amenities.length > 0) await t.insertInto('hotel_amenities').values(amenities.map((amenity) => ({ hotel_id: hotelId, amenity }))).execute();
}
