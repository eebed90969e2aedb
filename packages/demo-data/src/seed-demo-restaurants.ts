import type { Executor } from '@hatago/db';
import { insertRestaurant, type RestaurantSpec } from '@hatago/dining';
import { ALL_WEEK, CLOSED_DAYS, CUISINE_STYLES } from './demo-restaurants.ts';

interface RestaurantSeeding {
  trx: Executor;
  areas: ReadonlyArray<{ id: string; ja: string; en: string }>;
  perArea: number;
  today: string;
  /** A whole number below n, from the seed's own dice. */
  pick: (n: number) => number;
  onSeeded: () => void;
}

/** Prices end in a round 500 yen, as menus do. */
const roundPrice = (yen: number) => Math.round(yen / 500) * 500;

const priceBand = (dinner: number) => (dinner >= 30000 ? 5 : dinner >= 20000 ? 4 : dinner >= 12000 ? 3 : dinner >= 6000 ? 2 : 1);

/** Year-end and New Year, when the demo restaurants close. */
function yearEndHolidays(today: string): string[] {
  const year = Number(today.slice(0, 4));
  return [`${year}-12-31`, `${year + 1}-01-01`, `${year + 1}-01-02`, `${year + 1}-01-03`];
}

/**
 * `perArea` restaurants in every area, each area taking the cuisines in turn so that every
 * cuisine is found in every area once there are eight or more. Prices, closing day and
 * whether bookings are requests vary by the dice. Only definitions are written: a seating's
 * stock is made when first booked, so seeding costs no calendar.
 */
export async function seedDemoRestaurants(seeding: RestaurantSeeding): Promise<void> {
  const { trx, pick, today } = seeding;
  for (const [a, area] of seeding.areas.entries()) {
    for (let r = 0; r < seeding.perArea; r++) {
      const style = CUISINE_STYLES[(a + r) % CUISINE_STYLES.length]!;
      const name = style.names[(a + Math.floor(r / CUISINE_STYLES.length)) % style.names.length]!;
      const factor = 0.8 + pick(11) / 20;
      const courses = style.courses.map((c) => ({ ...c, weekdays: c.weekdays ?? ALL_WEEK, pricePerPerson: roundPrice(c.pricePerPerson * factor) }));
      const closed = CLOSED_DAYS[(a * 3 + r) % CLOSED_DAYS.length]!;
      const spec: RestaurantSpec = {
        areaId: area.id,
        name: { ja: `${name.ja} ${area.ja}`, en: `${name.en} ${area.en}` },
        description: style.description,
        cuisine: style.cuisine,
        priceBand: priceBand(Math.max(...courses.map((c) => c.pricePerPerson))),
        address: `${area.en}, Japan`,
        openWeekdays: ALL_WEEK.filter((day) => day !== closed),
        opensAt: style.opensAt,
        closesAt: style.closesAt,
        capacity: style.capacity,
        bookingMode: pick(5) === 0 ? 'request' : 'instant',
        contactEmail: `reservations.${area.id}.${r + 1}@hatago.example`,
        recommendation: pick(1000),
        seatings: style.seatings,
        holidays: yearEndHolidays(today),
        courses,
      };
      await insertRestaurant(trx, spec);
      seeding.onSeeded();
    }
  }
}
