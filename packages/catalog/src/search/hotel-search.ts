import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { type HotelHeading, hotelHeadingOf, type HotelHeadingRow, type Locale } from '../hotels/hotel-heading.ts';
import { photoViewOf, type PhotoView } from '@hatago/images';
import { checkoutOf, lastNightOf, type Stay } from '../stay.ts';

export type HotelSort = 'price' | 'recommended';

export interface HotelSearchQuery extends Stay {
  area?: string;
  sort: HotelSort;
  page: number;
  pageSize: number;
}

export interface HotelSearchResult {
  /** `photo`: the hotel's first photo, its cover; null when it has none. */
  items: Array<HotelHeading & { stars: number; minTotalPrice: number; photo: PhotoView | null }>;
  total: number;
}

/**
 * Sellable room types and plan totals for a stay, as SQL shared by search and the hotel
 * page: a room type qualifies when every night has enough rooms free and is not stopped,
 * a plan when it is active, on sale for every night and priced for every night.
 */
export function sellablePlansCte(stay: Stay, hotelFilter: ReturnType<typeof sql>) {
  const checkout = checkoutOf(stay);
  return sql`
    sellable_room_types as (
      select ri.room_type_id, min(ri.total - ri.reserved) as available
      from room_inventory ri
      join room_types rt on rt.id = ri.room_type_id
      join hotels h on h.id = rt.hotel_id
      where ri.stay_date >= ${stay.checkin}::date and ri.stay_date < ${checkout}::date
        and not ri.stop_sell
        and rt.capacity * ${stay.rooms}::int >= ${stay.guests}::int
        and ${hotelFilter}
      group by ri.room_type_id
      having count(*) = ${stay.nights}::int and min(ri.total - ri.reserved) >= ${stay.rooms}::int
    ),
    plan_totals as (
      select rp.id as plan_id, rp.room_type_id, sum(pp.price) * ${stay.rooms}::int as total_price
      from rate_plans rp
      join sellable_room_types s on s.room_type_id = rp.room_type_id
      join plan_prices pp on pp.plan_id = rp.id
        and pp.stay_date >= ${stay.checkin}::date and pp.stay_date < ${checkout}::date
      where rp.active
        and (rp.sale_start is null or rp.sale_start <= ${stay.checkin}::date)
        and (rp.sale_end is null or rp.sale_end >= ${lastNightOf(stay)}::date)
      group by rp.id
      having count(*) = ${stay.nights}::int
    )`;
}

export async function searchHotels(db: Executor, query: HotelSearchQuery, locale: Locale = 'en'): Promise<HotelSearchResult> {
  const areaFilter = query.area ? sql`h.area_id = ${query.area}` : sql`true`;
  const order =
    query.sort === 'price'
      ? sql`min_total_price asc, h.recommendation desc, h.id`
      : sql`h.recommendation desc, min_total_price asc, h.id`;
  type CoverRow = { image_key: string | null; alt_ja: string | null; alt_en: string | null };
  const { rows } = await sql<HotelHeadingRow & CoverRow & { stars: number; min_total_price: number; total_count: number }>`
    with ${sellablePlansCte(query, areaFilter)}
    select h.id, h.name_ja, h.name_en, h.area_id, a.name_ja as area_name_ja, a.name_en as area_name_en, h.stars,
           min(pt.total_price) as min_total_price, count(*) over () as total_count,
           cover.image_key, cover.alt_ja, cover.alt_en
    from plan_totals pt
    join room_types rt on rt.id = pt.room_type_id
    join hotels h on h.id = rt.hotel_id
    join areas a on a.id = h.area_id
    left join lateral (
      select p.image_key, p.alt_ja, p.alt_en from hotel_photos p where p.hotel_id = h.id order by p.position, p.id limit 1
    ) cover on true
    group by h.id, a.id, cover.image_key, cover.alt_ja, cover.alt_en
    order by ${order}
    limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}
  `.execute(db);
  return {
    total: rows[0]?.total_count ?? (query.page > 1 ? await countHotels(db, query, areaFilter) : 0),
    items: rows.map((r) => ({
      ...hotelHeadingOf(r, locale),
      stars: r.stars,
      minTotalPrice: r.min_total_price,
      photo: r.image_key === null ? null : photoViewOf({ image_key: r.image_key, alt_ja: r.alt_ja ?? '', alt_en: r.alt_en ?? '' }, locale),
    })),
  };
}

/** A page past the end has no rows to carry the window count, so count on its own. */
async function countHotels(db: Executor, stay: Stay, areaFilter: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with ${sellablePlansCte(stay, areaFilter)}
    select count(distinct rt.hotel_id) as n from plan_totals pt join room_types rt on rt.id = pt.room_type_id
  `.execute(db);
  return rows[0]?.n ?? 0;
}
