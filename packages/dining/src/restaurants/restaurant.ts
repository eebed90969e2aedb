/** The vocabulary of the dining model, shared by its tables, rules and seed. */
export const CUISINES = ['kaiseki', 'sushi', 'french', 'italian', 'teppanyaki', 'chinese', 'tempura', 'yakitori'] as const;
export type Cuisine = (typeof CUISINES)[number];

/** Sold by the seat (a counter, one pool) or by the table (each booking takes one whole table). */
export type CapacityMode = 'seats' | 'tables';

/** 'request': the booking holds its seats at once but is confirmed only when the restaurant accepts it. */
export type BookingMode = 'instant' | 'request';

/** Cancelling within `withinHours` of the seating costs `percent` of the total; the highest rule in force applies. */
export interface CancelFeeRule {
  withinHours: number;
  percent: number;
}

/** The largest party any course may take, and so the largest a search or booking accepts. */
export const MAX_PARTY = 20;

export const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The ISO weekday (1 Monday … 7 Sunday) of a calendar date, as the bit weekday sets store it. */
export function weekdayBit(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return 1 << ((day + 6) % 7);
}

/** A set of ISO weekdays as the bits the tables keep. */
export const weekdaysOf = (isoDays: readonly number[]): number => isoDays.reduce((bits, day) => bits | (1 << (day - 1)), 0);

/** The instant a seating starts: Tokyo keeps no daylight saving time, so it is always UTC+9. */
export const seatingInstant = (date: string, time: string): Date => new Date(`${date}T${time}:00+09:00`);
