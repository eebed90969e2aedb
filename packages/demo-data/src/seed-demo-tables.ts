import { sql } from 'kysely';
import { newReservationCode } from '@hatago/booking';
import {
  type DiningTables,
  restaurantRequestNoticeMail,
  tableAnswerMail,
  tableBookedMail,
  tableCancelledMail,
  toTableReservation,
  unitFor,
} from '@hatago/dining';
import { type Executor, tablesOf } from '@hatago/db';
import { enqueueMails, type PreparedMail } from '@hatago/mail';
import { addDays } from '@hatago/platform/time';
import type { Insertable } from 'kysely';
import { timeOfDay, tokyoInstant } from './demo-clock.ts';
import { DEMO_GUESTS, guestContact } from './demo-guests.ts';
import { restaurantUnits, type SeatingChoice, seatingChoices, type Units } from './demo-seating-choices.ts';
import { inChunks } from './in-chunks.ts';
import type { LivedInSeeding } from './seed-demo-stays.ts';

interface PlannedTable {
  /** The service date, in days from the seed's today; a closed day moves it away from today (today stays today). */
  day: number;
  /** `pending`: a request restaurant has not answered it yet (an instant one confirmed it at once). */
  outcome: 'confirmed' | 'pending' | 'cancelled';
  /** A cancellation's moment: hours before the seating (within the course's fee window) … */
  cancelHoursBefore?: number;
  /** … or a day, from today, well before it (free). */
  cancelledOn?: number;
}

/** One restaurant's week behind and fortnight ahead: tables served, two today, some to come, a request waiting, a cancellation with a fee and one without. */
const TABLE_PLAN: readonly PlannedTable[] = [
  { day: -6, outcome: 'confirmed' },
  { day: -3, outcome: 'cancelled', cancelHoursBefore: 10 },
  { day: -1, outcome: 'confirmed' },
  { day: 0, outcome: 'confirmed' },
  { day: 0, outcome: 'confirmed' },
  { day: 3, outcome: 'confirmed' },
  { day: 6, outcome: 'pending' },
  { day: 10, outcome: 'cancelled', cancelledOn: -1 },
];
const SEARCH_DAYS = 6;

const REQUESTS = { ja: ['誕生日のお祝いです。', '甲殻類のアレルギーがあります。'], en: ['A birthday dinner.', 'One guest is allergic to shellfish.'] } as const;

type TableRow = Insertable<DiningTables['table_reservations']>;

/**
 * Every demo restaurant's book: the tables of `TABLE_PLAN` at seatings and courses its rules
 * offer (open days, the course's days and hours, party sizes, the table a party takes), a
 * request restaurant's requests answered but one, cancellations with the course's fee, and
 * the mails the dining functions write. Written set-based, as the stays are: the tables,
 * the seating stock they hold, and the mails.
 */
export async function seedDemoTables(seeding: LivedInSeeding): Promise<void> {
  const { trx, today } = seeding;
  const choices = await seatingChoices(trx, addDays(today, -6 - SEARCH_DAYS), addDays(today, 10 + SEARCH_DAYS));
  const units = await restaurantUnits(trx);
  const planned: Array<{ row: TableRow; choice: SeatingChoice; outcome: PlannedTable['outcome'] }> = [];
  let guestNumber = 0;
  // every restaurant has a unit of some kind: its seat pool or its tables
  for (const [restaurantId, its] of units) {
    const offered = choices.filter((c) => c.restaurantId === restaurantId);
    const taken = new Map<string, number>();
    for (const table of TABLE_PLAN) {
      const row = planTable(seeding, table, offered, its, taken, ++guestNumber);
      if (row) planned.push({ ...row, outcome: table.outcome });
    }
    seeding.onSeeded();
  }
  const rows = [];
  for (const chunk of inChunks(planned, 400)) {
    rows.push(...(await tablesOf<DiningTables>(trx).insertInto('table_reservations').values(chunk.map((p) => p.row)).returningAll().execute()));
  }
  await stockSeatings(trx, rows.map((r) => r.id));
  const plannedByCode = new Map(planned.map((p) => [p.row.code, p]));
  const mails: PreparedMail[] = rows.flatMap((row) => {
    const { choice, outcome } = plannedByCode.get(row.code)!;
    const reservation = toTableReservation(row);
    const request = choice.bookingMode === 'request';
    const booked = { ...reservation, status: request ? ('requested' as const) : ('confirmed' as const) };
    return [
      tableBookedMail(booked),
      ...(request ? [restaurantRequestNoticeMail(booked, choice.contactEmail)] : []),
      ...(request && outcome !== 'pending' ? [tableAnswerMail({ ...reservation, status: 'confirmed' }, 'accept')] : []),
      ...(reservation.status === 'cancelled' ? [tableCancelledMail(reservation)] : []),
    ];
  });
  for (const chunk of inChunks(mails, 400)) await enqueueMails(trx, chunk);
}

/** The planned table at the first date from its own with a seating that still has a unit for the party, or undefined. */
function planTable(seeding: LivedInSeeding, table: PlannedTable, offered: SeatingChoice[], units: Units, taken: Map<string, number>, n: number) {
  const { pick, today } = seeding;
  const guest = DEMO_GUESTS[pick(DEMO_GUESTS.length)]!;
  const wanted = 2 + pick(3);
  const bookedOn = Math.min(table.day - 1 - pick(10), -1 - pick(2));
  const requests = pick(3) === 0 ? REQUESTS[guest.locale][pick(2)]! : '';
  for (let t = 0; t <= (table.day === 0 ? 0 : SEARCH_DAYS); t++) {
    const date = addDays(today, table.day + (table.day < 0 ? -t : t));
    // a course where the seating has one (fees and prices to show), then the first seating with room
    const fits = offered.filter((c) => c.date === date).flatMap((choice) => {
      const party = Math.min(Math.max(wanted, choice.minParty), choice.maxParty);
      const unit = unitFor(units.map((u) => ({ ...u, free: u.count - (taken.get(`${choice.seatingId} ${date} ${u.tableSeats}`) ?? 0) })), party);
      return unit ? [{ choice, party, unit }] : [];
    });
    if (fits.length === 0) continue;
    const seatings = [...new Set(fits.map((f) => f.choice.seatingId))];
    const seatingId = seatings[pick(seatings.length)]!;
    const { choice, party, unit } = fits.find((f) => f.choice.seatingId === seatingId)!;
    const key = `${choice.seatingId} ${date} ${unit.tableSeats}`;
    if (table.outcome !== 'cancelled') taken.set(key, (taken.get(key) ?? 0) + (unit.tableSeats === 0 ? party : 1));
    return { row: tableRow(seeding, { table, choice, party, tableSeats: unit.tableSeats, guest: guestContact(guest, n), locale: guest.locale, requests, bookedOn }), choice };
  }
  return undefined;
}

function tableRow(
  { pick, today }: LivedInSeeding,
  t: { table: PlannedTable; choice: SeatingChoice; party: number; tableSeats: number; guest: ReturnType<typeof guestContact>; locale: 'ja' | 'en'; requests: string; bookedOn: number },
): TableRow {
  const { table, choice } = t;
  const total = choice.pricePerPerson * t.party;
  const seating = new Date(`${choice.date}T${choice.time}:00+09:00`);
  const cancelledAt =
    table.cancelHoursBefore !== undefined
      ? new Date(seating.getTime() - table.cancelHoursBefore * 3_600_000)
      : table.cancelledOn !== undefined
        ? tokyoInstant(today, table.cancelledOn, timeOfDay(pick, 9, 10))
        : null;
  // the course's fees as tableCancellationTerms reads them: the highest rule whose window the cancellation fell in
  const hoursBefore = cancelledAt ? (seating.getTime() - cancelledAt.getTime()) / 3_600_000 : 0;
  const percent = Math.max(0, ...choice.cancelFees.filter((rule) => hoursBefore < rule.withinHours).map((rule) => rule.percent));
  return {
    code: newReservationCode('table'),
    status: cancelledAt ? 'cancelled' : table.outcome === 'pending' && choice.bookingMode === 'request' ? 'requested' : 'confirmed',
    restaurant_id: choice.restaurantId,
    course_id: choice.courseId,
    seating_id: choice.seatingId,
    service_date: choice.date,
    party: t.party,
    table_seats: t.tableSeats,
    guest_name: t.guest.name,
    guest_name_latin: t.guest.nameLatin,
    email: t.guest.email,
    phone: t.guest.phone,
    requests: t.requests,
    member_id: null,
    locale: t.locale,
    restaurant_name: choice.restaurantName[t.locale],
    course_name: choice.courseName[t.locale],
    seating_time: choice.time,
    duration_minutes: choice.durationMinutes,
    price_per_person: choice.pricePerPerson,
    total_price: total,
    cancel_fees: JSON.stringify(choice.cancelFees),
    cancel_fee: cancelledAt ? Math.floor((total * percent) / 100) : null,
    cancelled_at: cancelledAt,
    cancelled_by: cancelledAt ? 'guest' : null,
    created_at: tokyoInstant(today, t.bookedOn, timeOfDay(pick, 9, 12)),
  };
}

/** Each seating date the tables booked gets its stock rows, as its first booking makes them, holding what its tables hold. */
async function stockSeatings(trx: Executor, ids: number[]): Promise<void> {
  await sql`
    insert into seating_stock (seating_id, service_date, table_seats, total, reserved)
    select u.seating_id, u.service_date, unit.seats, unit.total, coalesce(held.n, 0)
    from (select distinct restaurant_id, seating_id, service_date from table_reservations where id = any(${ids}::int[])) u
      cross join lateral (
        select 0 as seats, r.seats as total from restaurants r where r.id = u.restaurant_id and r.seats is not null
        union all
        select t.seats, t.tables from restaurant_tables t where t.restaurant_id = u.restaurant_id
      ) unit
      left join lateral (
        select sum(case when unit.seats = 0 then tr.party else 1 end)::int as n from table_reservations tr
        where tr.seating_id = u.seating_id and tr.service_date = u.service_date and tr.table_seats = unit.seats and tr.status in ('confirmed', 'requested')
      ) held on true`.execute(trx);
}
