import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type Executor, tablesOf } from '@hatago/db';
import { conflict, invalid, notFound } from '@hatago/platform/errors';
import type { CatalogTables, Meals } from '../catalog-tables.ts';
import { RATE_PLAN_COLUMNS } from '../rate-plan-columns.ts';
import { checkoutOf, lastNightOf, type Stay } from '../stay.ts';
import { CatalogErrors } from '../catalog-errors.ts';
import { partyNightPrice } from '../pricing/party-pricing.ts';
import { type PriceBreakdown, priceBreakdown } from '../pricing/price-breakdown.ts';
import { checkRestrictions, type StayRestrictions } from '../inventory/stay-restrictions.ts';

/** Everything a booking needs to know about what it sells, frozen at booking time. */
export interface StayQuote {
  hotelId: number;
  hotelName: { ja: string; en: string };
  /** The front desk's address for booking notices, read with the quote to spare a booking a round trip; null when the hotel gave none. */
  hotelContactEmail: string | null;
  roomTypeId: number;
  roomTypeName: { ja: string; en: string };
  planId: number;
  planName: { ja: string; en: string };
  meals: Meals;
  freeCancelDays: number;
  cancelFeePercent: number;
  /** Percent of totalPrice charged when the guest never arrives. */
  noShowFeePercent: number;
  /** The plan is booked only with a card guarantee; otherwise it is paid at the hotel. */
  guaranteeRequired: boolean;
  /** The hotel's check-in time (HH:MM, Japan time): the earliest arrival a guest may announce. */
  checkinTime: string;
  /**
   * Each night, tax and service charge included, priced for the party: `price` one room at
   * the party's fullest share of the rooms, `total` every room together (what the night
   * charges and a booking's night records).
   */
  nightly: Array<{ date: string; price: number; total: number }>;
  /** All nights for all rooms, integer yen: what a booking records; the accommodation tax is paid at the hotel. */
  totalPrice: number;
  breakdown: PriceBreakdown;
}

export async function quoteStay(db: Executor, planId: number, stay: Stay): Promise<StayQuote> {
  const t = tablesOf<CatalogTables>(db);
  const night = partyNightPrice(stay);
  const plan = await t
    .selectFrom('rate_plans as rp')
    .innerJoin('room_types as rt', 'rt.id', 'rp.room_type_id')
    .innerJoin('hotels as h', 'h.id', 'rt.hotel_id')
    .select([
      ...RATE_PLAN_COLUMNS,
      'rt.id as room_type_id',
      'rt.name_ja as room_type_name_ja',
      'rt.name_en as room_type_name_en',
      'rt.capacity',
      'h.id as hotel_id',
      'h.name_ja as hotel_name_ja',
      'h.name_en as hotel_name_en',
      'h.area_id',
      'h.service_charge_percent',
      'h.contact_email',
      'h.checkin_time',
      // the nightly prices come along in the same round trip: a booking holds locks meanwhile
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('plan_prices as pp')
            .select(['pp.stay_date as date', night.room.as('price'), night.rooms.as('total')])
            .whereRef('pp.plan_id', '=', 'rp.id')
            .where('pp.stay_date', '>=', stay.checkin)
            .where('pp.stay_date', '<', checkoutOf(stay))
            .orderBy('pp.stay_date'),
        ).as('nightly'),
      // the room type's restrictions on the arrival and departure dates, in the same round trip
      sql<StayRestrictions>`(
        select json_build_object(
          'minStay', max(ri.min_stay) filter (where ri.stay_date = ${stay.checkin}::date),
          'closedToArrival', coalesce(bool_or(ri.closed_to_arrival) filter (where ri.stay_date = ${stay.checkin}::date), false),
          'closedToDeparture', coalesce(bool_or(ri.closed_to_departure) filter (where ri.stay_date = ${checkoutOf(stay)}::date), false))
        from room_inventory ri
        where ri.room_type_id = rt.id and ri.stay_date in (${stay.checkin}::date, ${checkoutOf(stay)}::date))`.as('restrictions'),
    ])
    .where('rp.id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw notFound(CatalogErrors.PLAN_NOT_FOUND, `Plan ${planId} does not exist`);

  const onSale =
    plan.active &&
    (plan.sale_start === null || plan.sale_start <= stay.checkin) &&
    (plan.sale_end === null || plan.sale_end >= lastNightOf(stay));
  if (!onSale) throw conflict(CatalogErrors.PLAN_NOT_ON_SALE, 'This plan is not sold for these dates');
  if (plan.capacity * stay.rooms < stay.guests) {
    throw invalid(CatalogErrors.ROOMS_TOO_SMALL, [
      { field: 'guests', message: `This room holds ${plan.capacity} guests; book more rooms for ${stay.guests} guests` },
    ]);
  }

  checkRestrictions(plan.restrictions, stay);

  const { nightly } = plan;
  if (nightly.length !== stay.nights) throw conflict(CatalogErrors.PLAN_NOT_ON_SALE, 'This plan has no price for every night of the stay');

  const breakdown = priceBreakdown({ areaId: plan.area_id, serviceChargePercent: plan.service_charge_percent, nightly, ...stay });
  return {
    hotelId: plan.hotel_id,
    hotelName: { ja: plan.hotel_name_ja, en: plan.hotel_name_en },
    hotelContactEmail: plan.contact_email,
    roomTypeId: plan.room_type_id,
    roomTypeName: { ja: plan.room_type_name_ja, en: plan.room_type_name_en },
    planId: plan.id,
    planName: { ja: plan.name_ja, en: plan.name_en },
    meals: plan.meals,
    freeCancelDays: plan.free_cancel_days,
    cancelFeePercent: plan.cancel_fee_percent,
    noShowFeePercent: plan.no_show_fee_percent,
    guaranteeRequired: plan.guarantee_required,
    checkinTime: plan.checkin_time.slice(0, 5),
    nightly,
    totalPrice: breakdown.total,
    breakdown,
  };
}
