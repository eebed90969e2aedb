import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import type { AmenityCode } from '../hotels/hotel-amenities.ts';
import { HOTEL_COLLECTIONS } from '../hotels/hotel-collections.ts';
import { type HotelHeading, hotelHeadingOf, type Locale } from '../hotels/hotel-heading.ts';

/** How many areas the home page features, and how many hotels it names per collection. */
export const SHOWCASE_LIMITS = { areas: 6, hotelsPerCollection: 4 } as const;

export interface FeaturedArea {
  id: string;
  name: string;
  hotels: number;
}

export interface CollectionShowcase {
  id: string;
  amenity: AmenityCode;
  title: string;
  lead: string;
  /** Every hotel offering the amenity (the search filtered by it then shows those with rooms for the stay). */
  total: number;
  /** The most recommended of them. */
  hotels: HotelHeading[];
}

export interface HomeShowcase {
  /** The areas with the most hotels, in the areas' own order among equals; none without a hotel. */
  areas: FeaturedArea[];
  /** Each collection that has a hotel, in HOTEL_COLLECTIONS' order. */
  collections: CollectionShowcase[];
}

/** What the home page features below its banners, computed from the catalogue alone. */
export async function homeShowcase(db: Executor, locale: Locale): Promise<HomeShowcase> {
  const { rows: areas } = await sql<{ id: string; name_ja: string; name_en: string; hotels: number }>`
    select a.id, a.name_ja, a.name_en, count(h.id)::int as hotels
    from areas a join hotels h on h.area_id = a.id
    group by a.id
    order by count(h.id) desc, a.sort_order, a.id
    limit ${SHOWCASE_LIMITS.areas}
  `.execute(db);
  const collections: CollectionShowcase[] = [];
  for (const collection of HOTEL_COLLECTIONS) {
    const { rows } = await sql<{ id: number; name_ja: string; name_en: string; area_id: string; area_name_ja: string; area_name_en: string; total: number }>`
      select h.id, h.name_ja, h.name_en, h.area_id, a.name_ja as area_name_ja, a.name_en as area_name_en, count(*) over ()::int as total
      from hotels h
      join areas a on a.id = h.area_id
      join hotel_amenities ha on ha.hotel_id = h.id and ha.amenity = ${collection.amenity}
      order by h.recommendation desc, h.id
      limit ${SHOWCASE_LIMITS.hotelsPerCollection}
    `.execute(db);
    if (rows.length === 0) continue;
    collections.push({
      id: collection.id,
      amenity: collection.amenity,
      title: collection.title[locale],
      lead: collection.lead[locale],
      total: rows[0]!.total,
      hotels: rows.map((row) => hotelHeadingOf(row, locale)),
    });
  }
  return {
    areas: areas.map((a) => ({ id: a.id, name: locale === 'ja' ? a.name_ja : a.name_en, hotels: a.hotels })),
    collections,
  };
}
