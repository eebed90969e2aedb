/**
 * Stay dates are calendar dates in Asia/Tokyo ('YYYY-MM-DD'); instants are UTC. Date
 * arithmetic here works on UTC midnights so no local time zone or DST can shift a day.
 */
const tokyoFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function tokyoToday(now: Date = new Date()): string {
  return tokyoFormat.format(now);
}

/** A real calendar date; year 0000 is refused because PostgreSQL's `date` has no year 0. */
export function isValidDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value.startsWith('0000')) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  parsed.setUTCDate(parsed.getUTCDate() + days);
  return parsed.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The nights of a stay: check-in date up to the day before check-out. */
export function stayNights(checkin: string, nights: number): string[] {
  return Array.from({ length: nights }, (_, i) => addDays(checkin, i));
}
