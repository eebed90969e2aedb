import { type Executor, tablesOf } from '@hatago/db';
import type { CatalogTables } from '../catalog-tables.ts';
import { photoViewOf, type PhotoView } from '@hatago/images';
import type { Locale } from './hotel-heading.ts';

export async function hotelPhotosShown(db: Executor, hotelId: number, locale: Locale): Promise<PhotoView[]> {
  const rows = await tablesOf<CatalogTables>(db)
    .selectFrom('hotel_photos')
    .select(['image_key', 'alt_ja', 'alt_en'])
    .where('hotel_id', '=', hotelId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((row) => photoViewOf(row, locale));
}
