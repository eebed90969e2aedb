import { sql } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors, invalid, notFound } from '@hatago/platform/errors';
import { type FormInput, parseId, readInteger, readTimeOfDay } from '@hatago/platform/input';
import { tokyoToday } from '@hatago/platform/time';
import { DiningErrors } from '../dining-errors.ts';
import type { DiningTables } from '../dining-tables.ts';
import { DURATION_MINUTES, seatingProblems, type SeatingTimes } from '../restaurants/seating-rules.ts';
import { auditRestaurantChange, commitRestaurantChange, type RestaurantManagementContext } from './restaurant-management-context.ts';

export interface ManagedSeating extends SeatingTimes {
  id: number;
}

export async function listSeatings(db: Executor, restaurantId: number): Promise<ManagedSeating[]> {
  const rows = await tablesOf<DiningTables>(db).selectFrom('restaurant_seatings').selectAll().where('restaurant_id', '=', restaurantId).orderBy('starts_at').execute();
  return rows.map((r) => ({ id: r.id, startsAt: r.starts_at, durationMinutes: r.duration_minutes }));
}

/** One of the restaurant's seatings; another restaurant's is simply not found. */
export async function getSeating(db: Executor, restaurantId: number, idInput: unknown): Promise<ManagedSeating> {
  const id = parseId(idInput);
  const seating = id === undefined ? undefined : (await listSeatings(db, restaurantId)).find((s) => s.id === id);
  if (!seating) throw notFound(DiningErrors.SEATING_NOT_FOUND, 'No such seating');
  return seating;
}

function readSeating(form: FormInput): SeatingTimes {
  const errors = new FieldErrors();
  const startsAt = readTimeOfDay(errors, form, 'startsAt', { label: 'Start time' });
  const durationMinutes = readInteger(errors, form, 'durationMinutes', { label: 'Duration (minutes)', ...DURATION_MINUTES });
  errors.throwIfAny(DiningErrors.INVALID_SEATING);
  return { startsAt, durationMinutes };
}

/**
 * Adds a seating (`seatingId` null) or changes one's start and duration. The restaurant row
 * is locked first, so two changes cannot each pass the overlap check against the other's
 * old times. A seating with upcoming bookings keeps its start time: the guests were sold
 * that time, and their mails say it.
 */
export async function saveSeating(context: RestaurantManagementContext, seatingId: number | null, form: FormInput): Promise<ManagedSeating> {
  const times = readSeating(form);
  return commitRestaurantChange(context, 'restaurant', async (trx) => {
    const t = tablesOf<DiningTables>(trx);
    const hours = await t.selectFrom('restaurants').select(['opens_at as opensAt', 'closes_at as closesAt']).where('id', '=', context.restaurantId).forUpdate().executeTakeFirstOrThrow();
    const others = (await listSeatings(trx, context.restaurantId)).filter((s) => s.id !== seatingId);
    const before = seatingId === null ? undefined : await getSeating(trx, context.restaurantId, seatingId);
    const problems = seatingProblems([...others, times], hours);
    if (others.some((s) => s.startsAt === times.startsAt)) problems.unshift(`A seating already starts at ${times.startsAt}`);
    if (before && before.startsAt !== times.startsAt) {
      const booked = await upcomingBookings(trx, before.id);
      if (booked > 0) problems.unshift(`${booked} upcoming booking(s) hold the ${before.startsAt} seating; its start time cannot move`);
    }
    if (problems.length) throw invalid(DiningErrors.INVALID_SEATING, problems.map((message) => ({ field: 'startsAt', message })));
    const values = { restaurant_id: context.restaurantId, starts_at: times.startsAt, duration_minutes: times.durationMinutes };
    const { id } = before
      ? await t.updateTable('restaurant_seatings').set(values).where('id', '=', before.id).returning('id').executeTakeFirstOrThrow()
      : await t.insertInto('restaurant_seatings').values(values).returning('id').executeTakeFirstOrThrow();
    await auditRestaurantChange(trx, context, before ? 'seating.update' : 'seating.create', { type: 'seating', id }, { before: before ?? null, after: times });
    return { id, ...times };
  });
}

async function upcomingBookings(trx: Executor, seatingId: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from table_reservations
    where seating_id = ${seatingId} and status in ('confirmed', 'requested') and service_date >= ${tokyoToday()}::date
  `.execute(trx);
  return rows[0]!.n;
}
