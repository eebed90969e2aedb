import { sql } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { addDays } from '@hatago/platform/time';
import type { CatalogTables, Meals } from '../catalog-tables.ts';
import { type HotelHeading, hotelHeadingOf, type Locale } from '../hotels/hotel-heading.ts';
import type { PhotoView } from '@hatago/images';
import { hotelPhotosShown } from '../hotels/hotel-photo-view.ts';
import type { AmenityCode } from '../hotels/hotel-amenities.ts';
import { readHotelAmenities } from '../hotels/hotel-amenity-store.ts';
import { type BedType, bedTypeOf, type RoomTypeRow, type RoomView, roomViewOf } from '../hotels/room-details.ts';
import { type HotelPolicies, hotelPoliciesOf } from '../hotels/hotel-policies.ts';
import { restrictionBroken } from '../inventory/stay-restrictions.ts';
import { checkoutOf, lastNightOf, type Stay } from '../stay.ts';
import { partyNightPrice } from '../pricing/party-pricing.ts';
import { type PriceBreakdown, priceBreakdown } from '../pricing/price-breakdown.ts';
import { CatalogErrors } from '../catalog-errors.ts';

export interface HotelSummary extends HotelHeading {
  description: string;
  address: string;
  stars: number;
  checkinTime: string;
  checkoutTime: string;
  /** Percent of the room charge, already inside every price; 0 when the hotel charges none. */
  serviceChargePercent: number;
  /** In the order the hotel gave them; the first is its cover in search results. */
  photos: PhotoView[];
  /** What the hotel offers, in the amenity list's order. */
  amenities: AmenityCode[];
  policies: HotelPolicies;
}

export interface PlanOffer {
  id: number;
  name: string;
  meals: Meals;
  freeCancelDays: number;
  cancelFeePercent: number;
  /** Booked only with a card guarantee; otherwise paid at the hotel. */
  guaranteeRequired: boolean;
  /** Price of the whole stay for all rooms; null when the plan is not sold for these nights. */
  totalPrice: number | null;
  /** How `totalPrice` splits, and the accommodation tax paid at the hotel on top; null when not sold. */
  breakdown: PriceBreakdown | null;
}

export interface RoomTypeOffer {
  id: number;
  name: string;
  capacity: number;
  sizeSqm: number;
  /** Null while the hotel has not said. */
  bedType: BedType | null;
  view: RoomView | null;
  /** In the language asked for; '' when none. */
  description: string;
  /** Rooms of this type free on every night of the stay. */
  available: number;
  /** Whether `rooms` rooms of this type hold all guests. */
  fitsParty: boolean;
  plans: PlanOffer[];
}

export interface HotelOffer extends HotelSummary {
  roomTypes: RoomTypeOffer[];
}

export async function listAreas(db: Executor, locale: Locale = 'en') {
  const rows = await tablesOf<CatalogTables>(db).selectFrom('areas').selectAll().orderBy('sort_order').orderBy('id').execute();
  return rows.map((a) => ({ id: a.id, name: locale === 'ja' ? a.name_ja : a.name_en, nameJa: a.name_ja, nameEn: a.name_en }));
}

export async function getHotel(db: Executor, hotelId: number, locale: Locale = 'en'): Promise<HotelSummary> {
  const h = await tablesOf<CatalogTables>(db)
    .selectFrom('hotels')
    .innerJoin('areas', 'areas.id', 'hotels.area_id')
    .selectAll('hotels')
    .select(['areas.name_ja as area_name_ja', 'areas.name_en as area_name_en'])
    .where('hotels.id', '=', hotelId)
    .executeTakeFirst();
  if (!h) throw notFound(CatalogErrors.HOTEL_NOT_FOUND, `Hotel ${hotelId} does not exist`);
  const amenities = await readHotelAmenities(db, hotelId);
  return {
    ...hotelHeadingOf(h, locale),
    description: locale === 'ja' ? h.description_ja : h.description_en,
    address: h.address,
    stars: h.stars,
    checkinTime: h.checkin_time,
    checkoutTime: h.checkout_time,
    serviceChargePercent: h.service_charge_percent,
    photos: await hotelPhotosShown(db, hotelId, locale),
    amenities,
    policies: hotelPoliciesOf(h, amenities, locale),
  };
}

/** Every room type and plan of a hotel, priced and counted for one stay. */
export async function getHotelOffer(db: Executor, hotelId: number, stay: Stay, locale: Locale = 'en'): Promise<HotelOffer> {
  const hotel = await getHotel(db, hotelId, locale);
  const checkout = checkoutOf(stay);
  const night = partyNightPrice(stay);
  const { rows: roomTypes } = await sql<RoomTypeRow & { available: number }>`
    select rt.id, rt.name_ja, rt.name_en, rt.capacity, rt.size_sqm, rt.bed_type, rt.room_view, rt.description, rt.description_en,
      coalesce((
        select case when count(*) filter (where ri.stay_date < ${checkout}::date) = ${stay.nights}::int and not ${restrictionBroken(stay)}
                    then min(case when ri.stop_sell then 0 else ri.total - ri.reserved end) filter (where ri.stay_date < ${checkout}::date) else 0 end
        from room_inventory ri
        where ri.room_type_id = rt.id and ri.stay_date >= ${stay.checkin}::date and ri.stay_date <= ${checkout}::date
      ), 0) as available
    from room_types rt
    where rt.hotel_id = ${hotelId}
    order by rt.sort_order, rt.id
  `.execute(db);
  const { rows: plans } = await sql<{
    id: number;
    room_type_id: number;
    name_ja: string;
    name_en: string;
    meals: Meals;
    free_cancel_days: number;
    cancel_fee_percent: number;
    guarantee_required: boolean;
    on_sale: boolean;
    nightly: Array<{ date: string; price: number; total: number }>;
  }>`
    select rp.id, rp.room_type_id, rp.name_ja, rp.name_en, rp.meals, rp.free_cancel_days, rp.cancel_fee_percent, rp.guarantee_required,
      ((rp.sale_start is null or rp.sale_start <= ${stay.checkin}::date)
        and (rp.sale_end is null or rp.sale_end >= ${lastNightOf(stay)}::date)) as on_sale,
      coalesce(json_agg(json_build_object('date', pp.stay_date::text, 'price', ${night.room}, 'total', ${night.rooms}) order by pp.stay_date)
        filter (where pp.stay_date is not null), '[]') as nightly
    from rate_plans rp
    join room_types rt on rt.id = rp.room_type_id
    left join plan_prices pp on pp.plan_id = rp.id and pp.stay_date >= ${stay.checkin}::date and pp.stay_date < ${checkout}::date
    where rt.hotel_id = ${hotelId} and rp.active
    group by rp.id
    order by rp.room_type_id, rp.id
  `.execute(db);
  const breakdownOf = (plan: (typeof plans)[number]) =>
    plan.on_sale && plan.nightly.length === stay.nights
      ? priceBreakdown({ areaId: hotel.area, serviceChargePercent: hotel.serviceChargePercent, nightly: plan.nightly, ...stay })
      : null;
  return {
    ...hotel,
    roomTypes: roomTypes.map((rt) => ({
      id: rt.id,
      name: locale === 'ja' ? rt.name_ja : rt.name_en,
      capacity: rt.capacity,
      sizeSqm: rt.size_sqm,
      bedType: bedTypeOf(rt.bed_type),
      view: roomViewOf(rt.room_view),
      description: locale === 'ja' ? rt.description : rt.description_en,
      available: Math.max(0, rt.available),
      fitsParty: rt.capacity * stay.rooms >= stay.guests,
      plans: plans
        .filter((p) => p.room_type_id === rt.id)
        .map((p) => {
          const breakdown = breakdownOf(p);
          return {
            id: p.id,
            name: locale === 'ja' ? p.name_ja : p.name_en,
            meals: p.meals,
            freeCancelDays: p.free_cancel_days,
            cancelFeePercent: p.cancel_fee_percent,
            guaranteeRequired: p.guarantee_required,
            totalPrice: breakdown?.total ?? null,
            breakdown,
          };
        }),
    })),
  };
}

export interface CalendarDay {
  date: string;
  /** Rooms free that night over every room type on sale that holds the party. */
  roomsLeft: number;
  /** The party's cheapest charge for that night (all its rooms, priced for the guests in each), where its rooms are free; null when none is. */
  minPrice: number | null;
}

/**
 * Day-by-day availability of a hotel for the availability calendar, for a party: room
 * types too small for it are left out, and each night is priced as a stay would be
 * (partyNightPrice), so a day's figure is what the party pays for that night.
 */
export async function getAvailabilityCalendar(db: Executor, hotelId: number, from: string, days: number, party: Pick<Stay, 'guests' | 'rooms'>): Promise<CalendarDay[]> {
  const until = addDays(from, days);
  const night = partyNightPrice(party);
  const { rows } = await sql<{ date: string; rooms_left: number | null; min_price: number | null }>`
    select d::date::text as date,
      (select sum(ri.total - ri.reserved) from room_inventory ri join room_types rt on rt.id = ri.room_type_id
        where rt.hotel_id = ${hotelId} and rt.capacity * ${party.rooms}::int >= ${party.guests}::int
          and ri.stay_date = d::date and not ri.stop_sell) as rooms_left,
      (select min(${night.rooms}) from plan_prices pp
        join rate_plans rp on rp.id = pp.plan_id and rp.active
          and (rp.sale_start is null or rp.sale_start <= d::date) and (rp.sale_end is null or rp.sale_end >= d::date)
        join room_types rt on rt.id = rp.room_type_id and rt.hotel_id = ${hotelId} and rt.capacity * ${party.rooms}::int >= ${party.guests}::int
        join room_inventory ri on ri.room_type_id = rt.id and ri.stay_date = d::date and not ri.stop_sell and ri.total - ri.reserved >= ${party.rooms}::int
        where pp.stay_date = d::date) as min_price
    from generate_series(${from}::date, ${until}::date - 1, interval '1 day') as d
    order by d
  `.execute(db);
  return rows.map((r) => ({ date: r.date, roomsLeft: r.rooms_left ?? 0, minPrice: r.min_price }));
}
