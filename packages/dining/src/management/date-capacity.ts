import { sql } from 'kysely';
import { daysOfMonth } from '@hatago/catalog';
import { type Executor, isCheckViolation } from '@hatago/db';
import { DomainError, FieldErrors, invalid } from '@hatago/platform/errors';
import { DATE_WORDS, type FormInput, readChoice, readDateRange, readInteger } from '@hatago/platform/input';
import { DiningErrors } from '../dining-errors.ts';
import { weekdayBit } from '../restaurants/restaurant.ts';
import { getManagedRestaurant, type ManagedRestaurant } from './managed-restaurant.ts';
import { auditRestaurantChange, commitRestaurantChange, type RestaurantManagementContext } from './restaurant-management-context.ts';
import { getSeating, listSeatings } from './seatings-admin.ts';

/** A unit of the room: table_seats 0 is the seat pool, otherwise tables of that size. */
interface UnitTotal {
  table_seats: number;
  total: number;
}

/** The form field that sets a unit's count: `seats`, or `tables-4` for tables for four. */
export const unitField = (tableSeats: number) => (tableSeats === 0 ? 'seats' : `tables-${tableSeats}`);

const daysJson = (days: string[]) => sql`(select d::date from jsonb_array_elements_text(${JSON.stringify(days)}::jsonb) as chosen(d))`;

function readUnits(errors: FieldErrors, form: FormInput, restaurant: ManagedRestaurant): UnitTotal[] {
  if (restaurant.capacityMode === 'seats') return [{ table_seats: 0, total: readInteger(errors, form, 'seats', { label: 'Seats', min: 0, max: 500 }) }];
  return restaurant.tables.map((t) => ({ table_seats: t.seats, total: readInteger(errors, form, unitField(t.seats), { label: `Tables for ${t.seats}`, min: 0, max: 100 }) }));
}

const idsJson = (ids: number[]) => sql`(select x::int from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as v(x))`;
const unitsJson = (units: UnitTotal[]) => sql`jsonb_to_recordset(${JSON.stringify(units)}::jsonb) as u(table_seats int, total int)`;

/**
 * Sells `seats` (or so many tables of each size) at the chosen seatings of every chosen
 * date, 0 closing a seating. Rows not booked yet are made first with the new count (a
 * booking making the same row meanwhile is waited for), then every row is locked, in the
 * order bookings lock them, so no booking slips in between the check and the write; a
 * count below what is already sold on any date refuses the whole change with the field
 * and the worst date.
 */
export async function setDateCapacity(context: RestaurantManagementContext, form: FormInput): Promise<{ dates: number }> {
  const restaurant = await getManagedRestaurant(context.db, context.restaurantId);
  const errors = new FieldErrors();
  const { range, days } = readDateRange(errors, form, DATE_WORDS);
  const units = readUnits(errors, form, restaurant);
  const seatingIds = await readSeatingChoice(errors, context, form);
  errors.throwIfAny(DiningErrors.INVALID_CAPACITY);
  const chosen = sql`seating_id in ${idsJson(seatingIds)} and service_date in ${daysJson(days)}`;
  await commitRestaurantChange(context, 'restaurant', async (trx) => {
    await sql`
      insert into seating_stock (seating_id, service_date, table_seats, total)
      select s.id, d, u.table_seats, u.total
      from ${idsJson(seatingIds)} as s(id) cross join ${daysJson(days)} as chosen(d) cross join ${unitsJson(units)}
      order by s.id, d, u.table_seats
      on conflict do nothing
    `.execute(trx);
    const { rows } = await sql<{ service_date: string; table_seats: number; reserved: number }>`
      select service_date, table_seats, reserved from seating_stock where ${chosen}
      order by seating_id, service_date, table_seats
      for update
    `.execute(trx);
    const over = units.flatMap((unit) => {
      const sold = rows.filter((r) => r.table_seats === unit.table_seats && r.reserved > unit.total);
      const worst = sold.reduce<(typeof sold)[number] | undefined>((a, b) => (!a || b.reserved > a.reserved ? b : a), undefined);
      if (!worst) return [];
      const what = unit.table_seats === 0 ? 'seats' : `tables for ${unit.table_seats}`;
      return [{ field: unitField(unit.table_seats), message: `${worst.reserved} ${what} are already sold on ${worst.service_date}; set at least ${worst.reserved} or pick other dates` }];
    });
    if (over.length) throw invalid(DiningErrors.CAPACITY_BELOW_BOOKED, over, 'Capacity cannot go below what is sold');
    try {
      await sql`update seating_stock st set total = u.total from ${unitsJson(units)} where ${chosen} and st.table_seats = u.table_seats`.execute(trx);
    } catch (error) {
      // The lock above makes this unreachable; the constraint still has the last word.
      if (isCheckViolation(error)) throw invalid(DiningErrors.CAPACITY_BELOW_BOOKED, [{ field: unitField(units[0]!.table_seats), message: 'Capacity cannot go below what is sold' }]);
      throw error;
    }
    await auditRestaurantChange(trx, context, 'capacity.set', { type: 'restaurant', id: context.restaurantId }, { ...range, seatingIds, units, dates: days.length });
  });
  return { dates: days.length };
}

/** `seating`: one of the restaurant's seatings, or empty for all of them. */
async function readSeatingChoice(errors: FieldErrors, context: RestaurantManagementContext, form: FormInput): Promise<number[]> {
  if (form.seating === undefined || form.seating === '') return (await listSeatings(context.db, context.restaurantId)).map((s) => s.id);
  try {
    return [(await getSeating(context.db, context.restaurantId, form.seating)).id];
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
    errors.add('seating', 'Choose one of your seatings');
    return [];
  }
}

/**
 * Closes the chosen dates (no booking is taken; bookings made stay) or opens them again,
 * by the restaurant's holidays. Returns how many dates changed.
 */
export async function setDatesClosed(context: RestaurantManagementContext, form: FormInput): Promise<{ dates: number }> {
  const errors = new FieldErrors();
  const { range, days } = readDateRange(errors, form, DATE_WORDS);
  const closed = readChoice(errors, form, 'closed', { label: 'Opening', choices: ['close', 'open'] as const }) === 'close';
  errors.throwIfAny(DiningErrors.INVALID_CAPACITY);
  return commitRestaurantChange(context, 'restaurant', async (trx) => {
    const result = closed
      ? await sql`insert into restaurant_holidays (restaurant_id, holiday) select ${context.restaurantId}::int, d from ${daysJson(days)} as chosen(d) on conflict do nothing`.execute(trx)
      : await sql`delete from restaurant_holidays where restaurant_id = ${context.restaurantId} and holiday in ${daysJson(days)}`.execute(trx);
    const changed = Number(result.numAffectedRows ?? 0);
    await auditRestaurantChange(trx, context, closed ? 'dates.close' : 'dates.open', { type: 'restaurant', id: context.restaurantId }, { ...range, dates: changed });
    return { dates: changed };
  });
}

export interface CapacityDay {
  date: string;
  /** A holiday, or a weekday the restaurant does not open. */
  closed: boolean;
  holiday: boolean;
  seatings: Array<{ seatingId: number; time: string; durationMinutes: number; units: Array<{ tableSeats: number; total: number; reserved: number }> }>;
}

/** A month of the restaurant: each date's seatings with what they sell and have sold. */
export async function capacityMonth(db: Executor, restaurantId: number, month: string): Promise<CapacityDay[]> {
  const days = daysOfMonth(month);
  const [restaurant, seatings] = await Promise.all([getManagedRestaurant(db, restaurantId), listSeatings(db, restaurantId)]);
  const [{ rows: stock }, { rows: holidays }, { rows: open }] = await Promise.all([
    sql<{ seating_id: number; service_date: string; table_seats: number; total: number; reserved: number }>`
      select s.seating_id, s.service_date, s.table_seats, s.total, s.reserved from seating_stock s
      join restaurant_seatings rs on rs.id = s.seating_id
      where rs.restaurant_id = ${restaurantId} and s.service_date between ${days[0]!}::date and ${days.at(-1)!}::date`.execute(db),
    sql<{ holiday: string }>`select holiday from restaurant_holidays where restaurant_id = ${restaurantId} and holiday between ${days[0]!}::date and ${days.at(-1)!}::date`.execute(db),
    sql<{ open_weekdays: number }>`select open_weekdays from restaurants where id = ${restaurantId}`.execute(db),
  ]);
  const room = restaurant.capacityMode === 'seats' ? [{ tableSeats: 0, total: restaurant.seats ?? 0 }] : restaurant.tables.map((t) => ({ tableSeats: t.seats, total: t.tables }));
  const openBits = open[0]!.open_weekdays;
  return days.map((date) => {
    const holiday = holidays.some((h) => h.holiday === date);
    const weekdayOpen = (openBits & weekdayBit(date)) !== 0;
    return {
      date,
      holiday,
      closed: holiday || !weekdayOpen,
      seatings: seatings.map((s) => ({
        seatingId: s.id,
        time: s.startsAt,
        durationMinutes: s.durationMinutes,
        units: room.map((unit) => {
          const row = stock.find((r) => r.seating_id === s.id && r.service_date === date && r.table_seats === unit.tableSeats);
          return row ? { tableSeats: unit.tableSeats, total: row.total, reserved: row.reserved } : { ...unit, reserved: 0 };
        }),
      })),
    };
  });
}
