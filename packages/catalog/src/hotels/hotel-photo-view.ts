import { type Executor, tablesOf } from '@hatago/db';
import type { CatalogTables } from '../catalog-tables.ts';
import type { Locale } from './hotel-heading.ts';

/** A photo as guests see it: its image key (the page builds srcset from it) and its alt text in their language. */
export interface PhotoView {
  key: string;
  alt: string;
}

export const photoViewOf = (row: { image_key: string; alt_ja: string; alt_en: string }, locale: Locale): PhotoView => ({
  key: row.image_key,
  alt: locale === 'ja' ? row.alt_ja : row.alt_en,
});

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
