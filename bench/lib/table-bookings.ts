import { randomInt } from 'node:crypto';
import type { TableBookingRequest } from '@hatago/dining';
import { SandboxPaymentProvider } from '@hatago/payments';
import { addDays, tokyoToday } from '@hatago/platform/time';

/** A seating and course a party of two could book when the bench started. */
export interface BookableTable {
  restaurantId: number;
  courseId: number;
  date: string;
  time: string;
}

type Day = { seatings: Array<{ time: string; available: boolean; courseIds: number[] }> };

/**
 * The tables a guest could find, looked up as a guest would (`dayOf`: the dining module
 * directly, or the JSON API): a few dates of every restaurant within three weeks, every
 * seating and course open to two.
 */
export async function findBookableTables(restaurantIds: number[], dayOf: (restaurantId: number, date: string) => Promise<Day>): Promise<BookableTable[]> {
  const today = tokyoToday();
  const found: BookableTable[] = [];
  for (const restaurantId of restaurantIds) {
    for (let i = 0; i < 4; i++) {
      const date = addDays(today, 2 + randomInt(20));
      const day = await dayOf(restaurantId, date);
      for (const seating of day.seatings.filter((s) => s.available)) {
        for (const courseId of seating.courseIds) found.push({ restaurantId, courseId, date, time: seating.time });
      }
    }
  }
  return found;
}

const sandbox = new SandboxPaymentProvider();

/** A random table for two with a card guarantee, as the guest site books them; the sandbox's token costs what a real one would not. */
export function randomTableBooking(tables: BookableTable[], worker: number): TableBookingRequest {
  const table = tables[randomInt(tables.length)]!;
  return {
    ...table,
    party: 2,
    guest: { name: 'Bench Diner', email: `diner${worker}@example.com`, phone: '090-0000-0000' },
    guaranteeToken: sandbox.tokenise({ number: '4242424242424242', expiry: '12/39', cvc: '123' }).token,
  };
}
