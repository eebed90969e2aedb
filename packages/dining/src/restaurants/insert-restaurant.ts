import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors } from '@hatago/platform/errors';
import { DiningErrors } from '../dining-errors.ts';
import type { DiningTables } from '../dining-tables.ts';
import { type BookingMode, type CancelFeeRule, type Cuisine, HH_MM, MAX_PARTY, weekdaysOf } from './restaurant.ts';
import { seatingProblems } from './seating-rules.ts';

export interface CourseSpec {
  name: { ja: string; en: string };
  description?: { ja: string; en: string };
  pricePerPerson: number;
  seatOnly?: boolean;
  minParty: number;
  maxParty: number;
  /** ISO weekdays, 1 Monday … 7 Sunday. */
  weekdays: readonly number[];
  servedFrom?: string;
  servedUntil?: string;
  advanceDays: number;
  cutoffMinutes: number;
  cancelFees: readonly CancelFeeRule[];
}

/** A restaurant as a whole: how the seed builds one, and how the facility console will. */
export interface RestaurantSpec {
  areaId: string;
  name: { ja: string; en: string };
  description: { ja: string; en: string };
  cuisine: Cuisine;
  priceBand: number;
  address: string;
  openWeekdays: readonly number[];
  opensAt: string;
  closesAt: string;
  capacity: { seats: number } | { tables: ReadonlyArray<{ seats: number; tables: number; minParty: number }> };
  bookingMode: BookingMode;
  contactEmail: string;
  recommendation?: number;
  seatings: ReadonlyArray<{ startsAt: string; durationMinutes: number }>;
  holidays?: readonly string[];
  courses: readonly CourseSpec[];
}

/** The definition's own rules: seatings that fit the room and the hours, courses' party sizes. */
function checkSpec(spec: RestaurantSpec): void {
  const errors = new FieldErrors();
  const times = [spec.opensAt, spec.closesAt, ...spec.seatings.map((s) => s.startsAt)];
  if (!times.every((t) => HH_MM.test(t))) errors.add('seatings', 'Times are HH:MM');
  else for (const problem of seatingProblems(spec.seatings, spec)) errors.add('seatings', problem);
  if (spec.seatings.length === 0) errors.add('seatings', 'Add at least one seating');
  for (const course of spec.courses) {
    if (course.minParty < 1 || course.maxParty < course.minParty || course.maxParty > MAX_PARTY)
      errors.add('courses', `${course.name.en}: party sizes must be 1 ≤ min ≤ max ≤ ${MAX_PARTY}`);
  }
  errors.throwIfAny(DiningErrors.INVALID_RESTAURANT);
}

/** Inserts a restaurant with its capacity, seatings, holidays and courses; returns its id. */
export async function insertRestaurant(trx: Executor, spec: RestaurantSpec): Promise<number> {
  checkSpec(spec);
  const t = tablesOf<DiningTables>(trx);
  const { id } = await t
    .insertInto('restaurants')
    .values({
      area_id: spec.areaId,
      name_ja: spec.name.ja,
      name_en: spec.name.en,
      cuisine: spec.cuisine,
      price_band: spec.priceBand,
      address: spec.address,
      description_ja: spec.description.ja,
      description_en: spec.description.en,
      open_weekdays: weekdaysOf(spec.openWeekdays),
      opens_at: spec.opensAt,
      closes_at: spec.closesAt,
      capacity_mode: 'seats' in spec.capacity ? 'seats' : 'tables',
      seats: 'seats' in spec.capacity ? spec.capacity.seats : null,
      booking_mode: spec.bookingMode,
      contact_email: spec.contactEmail,
      recommendation: spec.recommendation ?? 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if ('tables' in spec.capacity) {
    await t
      .insertInto('restaurant_tables')
      .values(spec.capacity.tables.map((table) => ({ restaurant_id: id, seats: table.seats, tables: table.tables, min_party: table.minParty })))
      .execute();
  }
  await t
    .insertInto('restaurant_seatings')
    .values(spec.seatings.map((s) => ({ restaurant_id: id, starts_at: s.startsAt, duration_minutes: s.durationMinutes })))
    .execute();
  if (spec.holidays?.length) {
    await t
      .insertInto('restaurant_holidays')
      .values(spec.holidays.map((holiday) => ({ restaurant_id: id, holiday })))
      .execute();
  }
  if (spec.courses.length) {
    await t
      .insertInto('restaurant_courses')
      .values(
        spec.courses.map((course, i) => ({
          restaurant_id: id,
          name_ja: course.name.ja,
          name_en: course.name.en,
          description_ja: course.description?.ja ?? '',
          description_en: course.description?.en ?? '',
          price_per_person: course.pricePerPerson,
          seat_only: course.seatOnly ?? false,
          min_party: course.minParty,
          max_party: course.maxParty,
          weekdays: weekdaysOf(course.weekdays),
          served_from: course.servedFrom ?? '00:00',
          served_until: course.servedUntil ?? '23:59',
          advance_days: course.advanceDays,
          cutoff_minutes: course.cutoffMinutes,
          cancel_fees: JSON.stringify(course.cancelFees),
          sort_order: i,
        })),
      )
      .execute();
  }
  return id;
}
