import { addDays, tokyoToday } from '@hatago/platform/time';

/** A stay date `days` from today in Tokyo, so tests never depend on the day they run. */
export const futureDate = (days: number) => addDays(tokyoToday(), days);
