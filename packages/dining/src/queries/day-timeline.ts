import { type Executor, tablesOf } from '@hatago/db';
import type { DiningTables } from '../dining-tables.ts';
import { capacityMonth } from '../management/date-capacity.ts';
import { type TableReservation, toTableReservation } from '../reservations/table-reservation.ts';

export interface TimelineSeating {
  id: number;
  time: string;
  durationMinutes: number;
  /** Guests booked at this seating (requests included: their seats are held). */
  covers: number;
  /** Per unit of the room: what is sold of what is on sale. */
  units: Array<{ tableSeats: number; total: number; reserved: number }>;
}

/** One row of the timeline: a table (or the seat pool) across the day's seatings. */
export interface TimelineLane {
  label: string;
  /** One cell per seating, in the seatings' order: who sits there. */
  cells: TableReservation[][];
}

export interface DayTimeline {
  date: string;
  closed: boolean;
  seatings: TimelineSeating[];
  lanes: TimelineLane[];
}

/**
 * A restaurant's day as its staff plan it: seatings across, tables down. Bookings hold a
 * table size, not a numbered table, so each seating's bookings of a size fill that size's
 * tables in the order they were made; a counter restaurant has one lane, its seat pool.
 * Cancelled and declined bookings hold nothing and are left out.
 */
export async function dayTimeline(db: Executor, restaurantId: number, date: string): Promise<DayTimeline> {
  const [days, rows] = await Promise.all([
    capacityMonth(db, restaurantId, date.slice(0, 7)),
    tablesOf<DiningTables>(db)
      .selectFrom('table_reservations')
      .selectAll()
      .where('restaurant_id', '=', restaurantId)
      .where('service_date', '=', date)
      .where('status', 'in', ['confirmed', 'requested'])
      .orderBy('id')
      .execute(),
  ]);
  const day = days.find((d) => d.date === date)!;
  const bookings = rows.map(toTableReservation);
  const seatings: TimelineSeating[] = day.seatings.map((s) => ({
    id: s.seatingId,
    time: s.time,
    durationMinutes: s.durationMinutes,
    covers: bookings.filter((b) => b.seatingId === s.seatingId).reduce((sum, b) => sum + b.party, 0),
    units: s.units,
  }));
  const sizes = [...new Set(day.seatings.flatMap((s) => s.units.map((u) => u.tableSeats)))].sort((a, b) => a - b);
  const lanes = sizes.flatMap((size): TimelineLane[] => {
    const perSeating = seatings.map((s) => bookings.filter((b) => b.seatingId === s.id && b.tableSeats === size));
    if (size === 0) return [{ label: 'Seats', cells: perSeating }];
    const count = Math.max(...seatings.map((s, i) => Math.max(s.units.find((u) => u.tableSeats === size)?.total ?? 0, perSeating[i]!.length)), 0);
    return Array.from({ length: count }, (_, n) => ({
      label: `Table for ${size} · ${n + 1}`,
      cells: perSeating.map((booked) => (booked[n] ? [booked[n]] : [])),
    }));
  });
  return { date, closed: day.closed, seatings, lanes };
}
