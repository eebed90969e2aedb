import { addDays } from '@hatago/platform/time';

/** A moment of a Tokyo day, `days` from the seed's today: when a demo guest booked, arrived or cancelled. */
export const tokyoInstant = (today: string, days: number, time: string): Date => new Date(`${addDays(today, days)}T${time}:00+09:00`);

/** The time a demo event happened on its day: a whole quarter hour from `from` on, within `hours`. */
export const timeOfDay = (pick: (n: number) => number, from: number, hours: number): string => {
  const minutes = from * 60 + pick(hours * 4) * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

