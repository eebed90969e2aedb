import type { Selectable } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { type FormInput, parseId } from '@hatago/platform/input';
import { DiningErrors } from '../dining-errors.ts';
import type { DiningTables } from '../dining-tables.ts';
import { weekdaysOf } from '../restaurants/restaurant.ts';
import { type CourseInput, readCourseForm } from './course-form.ts';
import { auditRestaurantChange, commitRestaurantChange, type RestaurantManagementContext } from './restaurant-management-context.ts';

export interface ManagedCourse extends CourseInput {
  id: number;
}

const ISO_DAYS = [1, 2, 3, 4, 5, 6, 7];

function toCourse(row: Selectable<DiningTables['restaurant_courses']>): ManagedCourse {
  return {
    id: row.id,
    name: { ja: row.name_ja, en: row.name_en },
    description: { ja: row.description_ja, en: row.description_en },
    pricePerPerson: row.price_per_person,
    seatOnly: row.seat_only,
    minParty: row.min_party,
    maxParty: row.max_party,
    weekdays: ISO_DAYS.filter((day) => (row.weekdays & (1 << (day - 1))) !== 0),
    servedFrom: row.served_from,
    servedUntil: row.served_until,
    advanceDays: row.advance_days,
    cutoffMinutes: row.cutoff_minutes,
    cancelFees: row.cancel_fees,
    active: row.active,
  };
}

/** Every course, inactive ones too, in the order guests see them. */
export async function listCourses(db: Executor, restaurantId: number): Promise<ManagedCourse[]> {
  const rows = await tablesOf<DiningTables>(db).selectFrom('restaurant_courses').selectAll().where('restaurant_id', '=', restaurantId).orderBy('sort_order').orderBy('id').execute();
  return rows.map(toCourse);
}

/** One of the restaurant's courses; another restaurant's is simply not found. */
export async function getCourse(db: Executor, restaurantId: number, idInput: unknown): Promise<ManagedCourse> {
  const id = parseId(idInput);
  const row =
    id === undefined
      ? undefined
      : await tablesOf<DiningTables>(db).selectFrom('restaurant_courses').selectAll().where('id', '=', id).where('restaurant_id', '=', restaurantId).executeTakeFirst();
  if (!row) throw notFound(DiningErrors.COURSE_NOT_FOUND, 'No such course');
  return toCourse(row);
}

const columnsOf = (input: CourseInput) => ({
  name_ja: input.name.ja,
  name_en: input.name.en,
  description_ja: input.description.ja,
  description_en: input.description.en,
  price_per_person: input.pricePerPerson,
  seat_only: input.seatOnly,
  min_party: input.minParty,
  max_party: input.maxParty,
  weekdays: weekdaysOf(input.weekdays),
  served_from: input.servedFrom,
  served_until: input.servedUntil,
  advance_days: input.advanceDays,
  cutoff_minutes: input.cutoffMinutes,
  cancel_fees: JSON.stringify(input.cancelFees),
  active: input.active,
});

/**
 * Adds a course (`courseId` null, listed last) or changes one. Bookings already made keep
 * the price and fee rules they were sold with (frozen on the reservation).
 */
export async function saveCourse(context: RestaurantManagementContext, courseId: number | null, form: FormInput): Promise<ManagedCourse> {
  const input = readCourseForm(form);
  const before = courseId === null ? undefined : await getCourse(context.db, context.restaurantId, courseId);
  return commitRestaurantChange(context, 'restaurant', async (trx) => {
    const t = tablesOf<DiningTables>(trx);
    const row = before
      ? await t.updateTable('restaurant_courses').set(columnsOf(input)).where('id', '=', before.id).where('restaurant_id', '=', context.restaurantId).returningAll().executeTakeFirstOrThrow()
      : await t
          .insertInto('restaurant_courses')
          .values({
            restaurant_id: context.restaurantId,
            ...columnsOf(input),
            sort_order: (await listCourses(trx, context.restaurantId)).length,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    await auditRestaurantChange(trx, context, before ? 'course.update' : 'course.create', { type: 'course', id: row.id }, { before: before ?? null, after: input });
    return toCourse(row);
  });
}
