import { type Insertable, sql } from 'kysely';
import { type BookingTables, cancellationFeeOf, newReservationCode, noShowFeeOf, stayBookedMails, stayCancelledMails, toReservation } from '@hatago/booking';
import { priceBreakdown } from '@hatago/catalog';
import { type Executor, tablesOf } from '@hatago/db';
import { enqueueMails, type PreparedMail } from '@hatago/mail';
import { addDays, stayNights } from '@hatago/platform/time';
import { timeOfDay, tokyoInstant } from './demo-clock.ts';
import { DEMO_GUESTS, guestContact } from './demo-guests.ts';
import { type DemoHotel, demoHotels, planPrices } from './demo-hotels.ts';
import { type PlannedStay, STAY_PLAN } from './demo-stay-plan.ts';
import { inChunks } from './in-chunks.ts';

export interface LivedInSeeding {
  trx: Executor;
  today: string;
  pick: (n: number) => number;
  onSeeded: () => void;
}

interface PlannedRow {
  row: Insertable<BookingTables['reservations']>;
  hotel: DemoHotel;
  nightly: Array<{ date: string; price: number }>;
}

const REQUESTS = {
  ja: ['記念日の滞在です。', '禁煙のお部屋を希望します。', '到着が遅くなるかもしれません。'],
  en: ['We are celebrating an anniversary.', 'A quiet room away from the lift, please.', 'We may arrive late.'],
} as const;

/**
 * Every demo hotel's front desk: the stays of `STAY_PLAN`, each priced night by night from
 * the plan's prices and split by the catalogue's own `priceBreakdown` as `bookStay` prices
 * it, with the cancellation and no-show fees of its plan and the mails the booking functions
 * write. Written set-based (a first start books a thousand stays and must stay quick): the
 * stays, their nights, the rooms they hold (confirmed, in house or gone: a no-show's and a
 * cancellation's nights went back on sale) and the mails, a few statements in all.
 */
export async function seedDemoStays(seeding: LivedInSeeding): Promise<void> {
  const { trx, today } = seeding;
  const hotels = await demoHotels(trx, today);
  const prices = await planPrices(trx, addDays(today, Math.min(...STAY_PLAN.map((s) => s.from))), addDays(today, Math.max(...STAY_PLAN.map((s) => s.from + s.nights))));
  const planned: PlannedRow[] = [];
  let guestNumber = 0;
  for (const [h, hotel] of hotels.entries()) {
    for (const [i, stay] of STAY_PLAN.entries()) {
      if (stay.sometimes && seeding.pick(3) === 0) continue;
      const roomType = hotel.roomTypes[(h + i) % hotel.roomTypes.length]!;
      planned.push(planStay(seeding, hotel, roomType, stay, ++guestNumber, prices));
    }
    seeding.onSeeded();
  }
  const rows = [];
  for (const chunk of inChunks(planned, 300)) {
    rows.push(...(await tablesOf<BookingTables>(trx).insertInto('reservations').values(chunk.map((p) => p.row)).returningAll().execute()));
  }
  const plannedByCode = new Map(planned.map((p) => [p.row.code, p]));
  const nights = rows.flatMap((r) => plannedByCode.get(r.code)!.nightly.map((n) => ({ reservation_id: r.id, stay_date: n.date, price: n.price })));
  for (const chunk of inChunks(nights, 5000)) await tablesOf<BookingTables>(trx).insertInto('reservation_nights').values(chunk).execute();
  await holdRooms(trx, rows.map((r) => r.id));
  const mails: PreparedMail[] = rows.flatMap((row) => {
    const reservation = toReservation(row);
    const hotel = plannedByCode.get(row.code)!.hotel.contact;
    return [...stayBookedMails(reservation, hotel), ...(reservation.status === 'cancelled' ? stayCancelledMails(reservation, hotel) : [])];
  });
  for (const chunk of inChunks(mails, 400)) await enqueueMails(trx, chunk);
}

/** One stay as `bookStay` would have written it on the day it was booked, and what became of it since. */
function planStay(seeding: LivedInSeeding, hotel: DemoHotel, roomType: DemoHotel['roomTypes'][number], stay: PlannedStay, n: number, prices: Map<string, number>): PlannedRow {
  const { pick, today } = seeding;
  const guest = DEMO_GUESTS[pick(DEMO_GUESTS.length)]!;
  const plan = roomType.plans[pick(roomType.plans.length)]!;
  const bookedOn = Math.min(stay.from - 2 - pick(20), -1 - pick(3));
  const guests = 1 + pick(Math.min(2, roomType.capacity));
  const arrivalTime = pick(2) === 0 ? '18:00' : null;
  const requests = pick(3) === 0 ? REQUESTS[guest.locale][pick(REQUESTS[guest.locale].length)]! : null;
  const checkin = addDays(today, stay.from);
  const nightly = stayNights(checkin, stay.nights).map((date) => ({ date, price: prices.get(`${plan.id} ${date}`)! }));
  const price = priceBreakdown({ areaId: hotel.areaId, serviceChargePercent: hotel.serviceChargePercent, nightly, rooms: 1, guests });
  const contact = guestContact(guest, n);
  const at = (day: number, from: number, hours: number) => tokyoInstant(today, day, timeOfDay(pick, from, hours));
  const inHouse = stay.outcome === 'in_house' || stay.outcome === 'checked_out';
  const cancelledOn = stay.cancelledOn ?? stay.from;
  const row: Insertable<BookingTables['reservations']> = {
    code: newReservationCode(),
    status: stay.outcome === 'in_house' ? 'checked_in' : stay.outcome,
    hotel_id: hotel.id,
    room_type_id: roomType.id,
    plan_id: plan.id,
    checkin,
    nights: stay.nights,
    guests,
    children: 0,
    arrival_time: arrivalTime,
    requests,
    rooms: 1,
    guest_name: contact.name,
    guest_name_latin: contact.nameLatin,
    email: contact.email,
    phone: contact.phone,
    member_id: null,
    locale: guest.locale,
    total_price: price.total,
    accommodation_tax: price.accommodationTax,
    hotel_name: hotel.contact.name[guest.locale],
    room_type_name: roomType.name[guest.locale],
    plan_name: plan.name[guest.locale],
    meals: plan.meals,
    free_cancel_days: plan.freeCancelDays,
    cancel_fee_percent: plan.cancelFeePercent,
    no_show_fee_percent: plan.noShowFeePercent,
    cancel_fee: stay.outcome === 'cancelled' ? cancellationFeeOf(price.total, { freeCancelDays: plan.freeCancelDays, feePercent: plan.cancelFeePercent }, stay.from - cancelledOn) : null,
    cancelled_at: stay.outcome === 'cancelled' ? at(cancelledOn, 7, 4) : null,
    cancelled_by: stay.outcome === 'cancelled' ? 'guest' : null,
    checked_in_at: inHouse ? at(stay.from, 15, 6) : null,
    checked_out_at: stay.outcome === 'checked_out' ? at(stay.from + stay.nights, 8, 3) : null,
    no_show_at: stay.outcome === 'no_show' ? at(stay.from, 22, 1) : null,
    no_show_fee: stay.outcome === 'no_show' ? noShowFeeOf({ totalPrice: price.total, noShowFeePercent: plan.noShowFeePercent }) : null,
    created_at: at(bookedOn, 8, 14),
  };
  return { row, hotel, nightly: nightly.map((night) => ({ date: night.date, price: night.price })) };
}

/** The rooms the stays hold, night by night: booked, in house or gone (a no-show's and a cancellation's nights went back on sale). */
async function holdRooms(trx: Executor, ids: number[]): Promise<void> {
  await sql`
    update room_inventory ri set reserved = ri.reserved + held.rooms
    from (
      select r.room_type_id, rn.stay_date, sum(r.rooms)::int as rooms
      from reservations r join reservation_nights rn on rn.reservation_id = r.id
      where r.id = any(${ids}::int[]) and r.status in ('confirmed', 'checked_in', 'checked_out')
      group by r.room_type_id, rn.stay_date
    ) held
    where ri.room_type_id = held.room_type_id and ri.stay_date = held.stay_date`.execute(trx);
}
