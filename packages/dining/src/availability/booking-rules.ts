import type { FieldError } from '@hatago/platform/errors';
import { daysBetween, tokyoToday } from '@hatago/platform/time';
import { minutesOf, seatingInstant, weekdayBit } from '../restaurants/restaurant.ts';
import type { CapacityUnit, Course, RestaurantDay, SeatingDay } from './restaurant-day.ts';

/** The moment the rules are judged at; tests pass a fixed one. */
export interface DiningClock {
  now: Date;
  /** `now`'s calendar date in Tokyo. */
  today: string;
}

/**
 * Why this course cannot be booked for this party at this seating, or undefined when it
 * can: the course's days, party sizes, the seatings it is served at, its advance window and
 * its cut-off before the seating. The restaurant being closed is judged by `dayRefusal`.
 */
export function courseRefusal(course: Course, seating: SeatingDay, date: string, party: number, clock: DiningClock): FieldError | undefined {
  if ((course.weekdays & weekdayBit(date)) === 0) return { field: 'courseId', message: 'This course is not served on this day' };
  if (party < course.minParty || party > course.maxParty)
    return { field: 'party', message: `This course is for ${course.minParty} to ${course.maxParty} guests` };
  const start = minutesOf(seating.time);
  if (start < minutesOf(course.servedFrom) || start > minutesOf(course.servedUntil))
    return { field: 'courseId', message: `This course is not served at ${seating.time}` };
  if (daysBetween(clock.today, date) > course.advanceDays)
    return { field: 'date', message: `This course can be booked at most ${course.advanceDays} days ahead` };
  const cutoff = seatingInstant(date, seating.time).getTime() - course.cutoffMinutes * 60_000;
  if (clock.now.getTime() > cutoff) return { field: 'time', message: 'Online booking for this seating has closed' };
  return undefined;
}

/** Why nothing at all can be booked on this date, or undefined. */
export function dayRefusal(day: RestaurantDay, clock: DiningClock): FieldError | undefined {
  if (day.date < clock.today) return { field: 'date', message: 'This date has passed' };
  if (day.closed) return { field: 'date', message: 'The restaurant is closed on this day' };
  return undefined;
}

/**
 * The unit a party takes: `party` seats from the pool, or the smallest table it may sit at
 * (a table is not sold to fewer guests than its minimum, so a table for 2 is not given to
 * one guest unless the restaurant set that minimum to 1). Undefined when nothing fits.
 */
export function unitFor(units: readonly CapacityUnit[], party: number): CapacityUnit | undefined {
  return units
    .filter((u) => (u.tableSeats === 0 ? u.free >= party : u.free > 0 && party >= u.minParty && party <= u.tableSeats))
    .sort((a, b) => a.tableSeats - b.tableSeats)[0];
}

export interface SeatingOffer {
  time: string;
  durationMinutes: number;
  available: boolean;
  /** The courses the party could book at this seating, whether or not it has room. */
  courseIds: number[];
}

/** Every seating of the day for a party: which courses it may book there and whether it fits. */
export function offerSeatings(day: RestaurantDay, party: number, clock: DiningClock): SeatingOffer[] {
  const closed = dayRefusal(day, clock) !== undefined;
  return day.seatings.map((seating) => {
    const courseIds = closed ? [] : day.courses.filter((c) => !courseRefusal(c, seating, day.date, party, clock)).map((c) => c.id);
    const available = courseIds.length > 0 && unitFor(seating.units, party) !== undefined;
    return { time: seating.time, durationMinutes: seating.durationMinutes, available, courseIds };
  });
}

/** The clock rules are judged by: the real one unless a caller (a test) fixes `now`. */
export const diningClock = (now: Date = new Date()): DiningClock => ({ now, today: tokyoToday(now) });
