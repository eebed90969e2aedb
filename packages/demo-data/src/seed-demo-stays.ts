import { sql } from 'kysely';
import { newReservationCode } from '@hatago/booking';
import type { Executor } from '@hatago/db';
import { addDays } from '@hatago/platform/time';

interface DemoStay {
  /** Check-in, in days from the seed's today. */
  from: number;
  nights: number;
  guests: number;
  name: string;
  nameLatin: string;
  locale: 'ja' | 'en';
  /** Hours before the seed ran that the stay was booked. */
  bookedHoursAgo: number;
  cancelled?: true;
}

/** Today's front desk at the first hotel: two arrivals, a departure, two in house, one stay ahead and one cancelled. */
const DEMO_STAYS: readonly DemoStay[] = [
  { from: 0, nights: 2, guests: 2, name: '佐藤 健', nameLatin: 'Ken Sato', locale: 'ja', bookedHoursAgo: 200 },
  { from: 0, nights: 3, guests: 2, name: 'Emily Clark', nameLatin: 'Emily Clark', locale: 'en', bookedHoursAgo: 30 },
  { from: -2, nights: 2, guests: 1, name: '高橋 美咲', nameLatin: 'Misaki Takahashi', locale: 'ja', bookedHoursAgo: 400 },
  { from: -1, nights: 3, guests: 2, name: '鈴木 一郎', nameLatin: 'Ichiro Suzuki', locale: 'ja', bookedHoursAgo: 300 },
  { from: -3, nights: 5, guests: 1, name: 'Lucas Martin', nameLatin: 'Lucas Martin', locale: 'en', bookedHoursAgo: 500 },
  { from: 6, nights: 2, guests: 2, name: '田中 花', nameLatin: 'Hana Tanaka', locale: 'ja', bookedHoursAgo: 3 },
  { from: 9, nights: 1, guests: 1, name: 'Noah Weber', nameLatin: 'Noah Weber', locale: 'en', bookedHoursAgo: 50, cancelled: true },
];

/**
 * A few stays at the first hotel around the seed's today, so its dashboard is not empty on
 * first start. Written as the seed writes everything (set-based, in its transaction, no
 * mail): each stay at its first plan's price of today, and its nights from today on taken
 * from the inventory, as booking would have (earlier nights have no inventory rows).
 */
export async function seedDemoStays(trx: Executor, today: string, now = new Date()): Promise<void> {
  const stays = DEMO_STAYS.map((s) => ({
    code: newReservationCode(),
    checkin: addDays(today, s.from),
    nights: s.nights,
    guests: s.guests,
    name: s.name,
    nameLatin: s.nameLatin,
    locale: s.locale,
    bookedAt: new Date(now.getTime() - s.bookedHoursAgo * 3_600_000).toISOString(),
    cancelledAt: s.cancelled ? new Date(now.getTime() - 3_600_000).toISOString() : null,
  }));
  await sql`
    with plan as (
      select h.id as hotel_id, h.name_ja as hotel_ja, h.name_en as hotel_en, rt.id as room_type_id, rt.name_ja as room_ja, rt.name_en as room_en,
             rp.id as plan_id, rp.name_ja as plan_ja, rp.name_en as plan_en, rp.meals, rp.free_cancel_days, rp.cancel_fee_percent, pp.price
      from hotels h join room_types rt on rt.hotel_id = h.id join rate_plans rp on rp.room_type_id = rt.id
        join plan_prices pp on pp.plan_id = rp.id and pp.stay_date = ${today}::date
      order by h.id, rt.sort_order, rt.id, rp.id limit 1
    ),
    stays as (
      insert into reservations (code, status, hotel_id, room_type_id, plan_id, checkin, nights, guests, rooms, guest_name, guest_name_latin,
        email, phone, locale, total_price, hotel_name, room_type_name, plan_name, meals, free_cancel_days, cancel_fee_percent,
        cancel_fee, cancelled_at, cancelled_by, created_at)
      select s.code, case when s."cancelledAt" is null then 'confirmed' else 'cancelled' end, p.hotel_id, p.room_type_id, p.plan_id,
        s.checkin, s.nights, s.guests, 1, s.name, s."nameLatin",
        lower(replace(s."nameLatin", ' ', '.')) || '@example.com', '090-0000-0000', s.locale, p.price * s.nights,
        case s.locale when 'ja' then p.hotel_ja else p.hotel_en end, case s.locale when 'ja' then p.room_ja else p.room_en end,
        case s.locale when 'ja' then p.plan_ja else p.plan_en end, p.meals, p.free_cancel_days, p.cancel_fee_percent,
        case when s."cancelledAt" is null then null else 0 end, s."cancelledAt", case when s."cancelledAt" is null then null else 'guest' end, s."bookedAt"
      from jsonb_to_recordset(${JSON.stringify(stays)}::jsonb)
        as s(code text, checkin date, nights int, guests int, name text, "nameLatin" text, locale text, "bookedAt" timestamptz, "cancelledAt" timestamptz)
        cross join plan p
      returning id, status, room_type_id, checkin, nights, total_price / nights as price
    ),
    nights as (
      insert into reservation_nights (reservation_id, stay_date, price)
      select s.id, s.checkin + i, s.price from stays s cross join generate_series(0, s.nights - 1) as i
      returning reservation_id, stay_date
    )
    update room_inventory ri set reserved = ri.reserved + taken.rooms
    from (
      select s.room_type_id, n.stay_date, count(*)::int as rooms
      from nights n join stays s on s.id = n.reservation_id where s.status = 'confirmed' group by s.room_type_id, n.stay_date
    ) taken
    where ri.room_type_id = taken.room_type_id and ri.stay_date = taken.stay_date
  `.execute(trx);
}
