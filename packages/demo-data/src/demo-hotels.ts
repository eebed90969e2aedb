import { sql } from 'kysely';
import type { HotelContact } from '@hatago/catalog';
import type { Executor } from '@hatago/db';

export interface DemoPlan {
  id: number;
  name: { ja: string; en: string };
  meals: string;
  freeCancelDays: number;
  cancelFeePercent: number;
  noShowFeePercent: number;
}

export interface DemoHotel {
  id: number;
  areaId: string;
  serviceChargePercent: number;
  contact: HotelContact;
  /** Room types of four rooms or more, each with the plans a guest books without a card. */
  roomTypes: Array<{ id: number; name: { ja: string; en: string }; capacity: number; plans: DemoPlan[] }>;
}

/** Every hotel as a demo booking needs it, in id order: what the booking functions would read from the catalogue. */
export async function demoHotels(db: Executor, today: string): Promise<DemoHotel[]> {
  const { rows } = await sql<{
    hotel_id: number; area_id: string; service_charge_percent: number; contact_email: string | null; hotel_ja: string; hotel_en: string;
    room_type_id: number; room_ja: string; room_en: string; capacity: number;
    plan_id: number; plan_ja: string; plan_en: string; meals: string; free_cancel_days: number; cancel_fee_percent: number; no_show_fee_percent: number;
  }>`
    select h.id as hotel_id, h.area_id, h.service_charge_percent, h.contact_email, h.name_ja as hotel_ja, h.name_en as hotel_en,
           rt.id as room_type_id, rt.name_ja as room_ja, rt.name_en as room_en, rt.capacity,
           rp.id as plan_id, rp.name_ja as plan_ja, rp.name_en as plan_en, rp.meals, rp.free_cancel_days, rp.cancel_fee_percent, rp.no_show_fee_percent
    from hotels h
      join room_types rt on rt.hotel_id = h.id
      join room_inventory ri on ri.room_type_id = rt.id and ri.stay_date = ${today}::date and ri.total >= 4
      join rate_plans rp on rp.room_type_id = rt.id and rp.active and not rp.guarantee_required
    order by h.id, rt.sort_order, rt.id, rp.id`.execute(db);
  const hotels = new Map<number, DemoHotel>();
  for (const row of rows) {
    let hotel = hotels.get(row.hotel_id);
    if (!hotel) {
      hotel = {
        id: row.hotel_id,
        areaId: row.area_id,
        serviceChargePercent: row.service_charge_percent,
        contact: { email: row.contact_email, name: { ja: row.hotel_ja, en: row.hotel_en } },
        roomTypes: [],
      };
      hotels.set(row.hotel_id, hotel);
    }
    let roomType = hotel.roomTypes.find((r) => r.id === row.room_type_id);
    if (!roomType) {
      roomType = { id: row.room_type_id, name: { ja: row.room_ja, en: row.room_en }, capacity: row.capacity, plans: [] };
      hotel.roomTypes.push(roomType);
    }
    roomType.plans.push({
      id: row.plan_id,
      name: { ja: row.plan_ja, en: row.plan_en },
      meals: row.meals,
      freeCancelDays: row.free_cancel_days,
      cancelFeePercent: row.cancel_fee_percent,
      noShowFeePercent: row.no_show_fee_percent,
    });
  }
  return [...hotels.values()];
}

/** Each plan's price per night over a span of dates, keyed `planId date`. */
export async function planPrices(db: Executor, from: string, to: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ plan_id: number; stay_date: string; price: number }>`
    select plan_id, to_char(stay_date, 'YYYY-MM-DD') as stay_date, price from plan_prices where stay_date between ${from}::date and ${to}::date`.execute(db);
  return new Map(rows.map((r) => [`${r.plan_id} ${r.stay_date}`, r.price]));
}
