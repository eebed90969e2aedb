import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { type HotelHeading, hotelHeadingOf, type HotelHeadingRow, type Locale } from '../hotels/hotel-heading.ts';
import { photoViewOf, type PhotoView } from '@hatago/images';
import type { Meals } from '../catalog-tables.ts';
import { type AmenityCode, inAmenityOrder } from '../hotels/hotel-amenities.ts';
import { checkoutOf, lastNightOf, type Stay } from '../stay.ts';
import { restrictionBroken } from '../inventory/stay-restrictions.ts';
import { partyNightPrice } from '../pricing/party-pricing.ts';
import { type Candidate, facetsOf, type HotelFacets, rank } from './hotel-facets.ts';
import { type HotelFilters, type HotelSort, NO_FILTERS } from './hotel-filters.ts';

export interface HotelSearchQuery extends Stay {
  area?: string;
  sort: HotelSort;
  page: number;
  pageSize: number;
  /** None when absent: every hotel with rooms for the stay. */
  filters?: HotelFilters;
}

export interface HotelSearchResult {
  /**
   * `minTotalPrice`: the lowest total of a plan the filters accept; `photo`: the hotel's
   * first photo, its cover, null when it has none; `amenities`: in the list's order.
   */
  items: Array<HotelHeading & { stars: number; minTotalPrice: number; photo: PhotoView | null; amenities: AmenityCode[] }>;
  total: number;
  facets: HotelFacets;
}

/**
 * Sellable room types and plan totals for a stay, as SQL shared by search and the hotel
 * page: a room type qualifies when every night has enough rooms free and is not stopped and
 * the stay keeps its restrictions (minimum stay, closed to arrival or departure), a plan when
 * it is active, on sale for every night and priced for every night, each night priced for the
 * party (prices per number of guests, else the single price).
 */
export function sellablePlansCte(stay: Stay, hotelFilter: ReturnType<typeof sql>) {
  const checkout = checkoutOf(stay);
  return sql`
    sellable_room_types as (
      select ri.room_type_id, min(ri.total - ri.reserved) filter (where ri.stay_date < ${checkout}::date) as available
      from room_inventory ri
      join room_types rt on rt.id = ri.room_type_id
      join hotels h on h.id = rt.hotel_id
      where ri.stay_date >= ${stay.checkin}::date and ri.stay_date <= ${checkout}::date
        and (ri.stay_date = ${checkout}::date or not ri.stop_sell)
        and rt.capacity * ${stay.rooms}::int >= ${stay.guests}::int
        and ${hotelFilter}
      group by ri.room_type_id
      having count(*) filter (where ri.stay_date < ${checkout}::date) = ${stay.nights}::int
        and min(ri.total - ri.reserved) filter (where ri.stay_date < ${checkout}::date) >= ${stay.rooms}::int
        -- the check-out date's row is read only for its restriction
        and not ${restrictionBroken(stay)}
    ),
    plan_totals as (
      select rp.id as plan_id, rp.room_type_id, sum(${partyNightPrice(stay).rooms}) as total_price
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
  const filters = query.filters ?? NO_FILTERS;
  const candidates = await candidatesFor(db, query);
  const ranked = rank(candidates, filters, query.sort);
  const shown = ranked.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const headings = await headingsOf(
    db,
    shown.map((r) => r.hotel.id),
  );
  return {
    total: ranked.length,
    facets: facetsOf(candidates, filters),
    items: shown.map(({ hotel, price }) => {
      const r = headings.get(hotel.id)!;
      return {
        ...hotelHeadingOf(r, locale),
        stars: hotel.stars,
        minTotalPrice: price,
        photo: r.image_key === null ? null : photoViewOf({ image_key: r.image_key, alt_ja: r.alt_ja ?? '', alt_en: r.alt_en ?? '' }, locale),
        amenities: inAmenityOrder(hotel.amenities),
      };
    }),
  };
}

/**
 * Every hotel in the area with rooms for the stay, each plan it sells for it and what it
 * offers: filters, counts and orders are worked out over these in one pass each (an area
 * holds tens of hotels, each a dozen plans), so the counts beside every filter cost no query.
 */
async function candidatesFor(db: Executor, query: HotelSearchQuery): Promise<Candidate[]> {
  const areaFilter = query.area ? sql`h.area_id = ${query.area}` : sql`true`;
  const { rows } = await sql<{ id: number; stars: number; recommendation: number; amenities: string | null; meals: Meals; total: number }>`
    with ${sellablePlansCte(query, areaFilter)}
    select h.id, h.stars, h.recommendation, am.codes as amenities, rp.meals, pt.total_price::int as total
    from plan_totals pt
    join rate_plans rp on rp.id = pt.plan_id
    join room_types rt on rt.id = pt.room_type_id
    join hotels h on h.id = rt.hotel_id
    left join lateral (select string_agg(ha.amenity, ',') as codes from hotel_amenities ha where ha.hotel_id = h.id) am on true
  `.execute(db);
  const hotels = new Map<number, Candidate>();
  for (const row of rows) {
    let hotel = hotels.get(row.id);
    if (!hotel) {
      hotel = { id: row.id, stars: row.stars, recommendation: row.recommendation, amenities: new Set(row.amenities?.split(',') ?? []), plans: [] };
      hotels.set(row.id, hotel);
    }
    hotel.plans.push({ meals: row.meals, total: Number(row.total) });
  }
  return [...hotels.values()];
}

type HeadingRow = HotelHeadingRow & { image_key: string | null; alt_ja: string | null; alt_en: string | null };

/** Names, area and cover photo of the hotels one page shows. */
async function headingsOf(db: Executor, ids: number[]): Promise<Map<number, HeadingRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<HeadingRow>`
    select h.id, h.name_ja, h.name_en, h.area_id, a.name_ja as area_name_ja, a.name_en as area_name_en,
           cover.image_key, cover.alt_ja, cover.alt_en
    from hotels h
    join areas a on a.id = h.area_id
    left join lateral (
      select p.image_key, p.alt_ja, p.alt_en from hotel_photos p where p.hotel_id = h.id order by p.position, p.id limit 1
    ) cover on true
    where h.id in (${sql.join(ids)})
  `.execute(db);
  return new Map(rows.map((r) => [r.id, r]));
}
