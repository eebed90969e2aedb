import { type InsertObject, type Kysely, sql } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';
import type { CatalogTables } from '@hatago/catalog';
import type { DiningTables } from '@hatago/dining';
import { hashPassword, type IdentityTables } from '@hatago/identity';
import { addDays, daysBetween, tokyoToday } from '@hatago/platform/time';
import { DEMO_AREAS, DEMO_PASSWORD, HOTEL_STYLES, PLANS, ROOM_TYPES } from './demo-catalog.ts';
import { demoHotelFeatures } from './demo-amenities.ts';
import { demoRoomDetails } from './demo-room-details.ts';
import { addMissingRoomDetails } from './seed-demo-room-details.ts';
import { seedDemoFlags } from './demo-flags.ts';
import { seedDemoRestaurants } from './seed-demo-restaurants.ts';
import { seedDemoOccupancyPrices } from './seed-demo-occupancy-prices.ts';
import { seedLivedIn } from './seed-lived-in.ts';
import { PAST_DAYS } from './demo-stay-plan.ts';

export { DEMO_PASSWORD };

export interface SeedOptions {
  hotelsPerArea?: number;
  restaurantsPerArea?: number;
  days?: number;
  today?: string;
  /** Prices per number of guests on the first hotel's larger rooms (the demo's first start; tests set their own, their figures read the single price). */
  occupancyPrices?: boolean;
  /**
   * A lived-in world (the demo's first start; most tests leave it out): every hotel's and
   * restaurant's past, today and weeks ahead, written in bulk with the booking modules' own price and mail builders, with the
   * calendar starting two weeks back to hold the past stays.
   */
  livedIn?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Progress of the lived-in world's bookings, hotel by hotel, then restaurant by restaurant. */
  onBookingProgress?: (done: number, total: number) => void;
}

type SeedTables = CatalogTables & IdentityTables;

/** What every step of one seed shares: the transaction, the dice, and the span of dates. */
interface Seeding {
  trx: Executor;
  t: Kysely<SeedTables>;
  /** A whole number below n; steps must roll in the same order every time. */
  pick: (n: number) => number;
  passwordHash: string;
  /** The calendar's first day: today, or earlier for a lived-in world's past stays. */
  firstDay: string;
  days: number;
}

type DemoArea = (typeof DEMO_AREAS)[number];

/** The demo catalogue names things in both languages; the tables keep a column for each. */
const namesOf = ({ ja, en }: { ja: string; en: string }) => ({ name_ja: ja, name_en: en });

/** A small deterministic generator, so every fresh start shows the same demo world. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Restaurants roll dice of their own (seeded as the whole seed is), so a fresh seed and a later top-up make the same ones. */
const restaurantDice = () => {
  const rand = random(20190130);
  return (n: number) => Math.floor(rand() * n);
};

/**
 * Fills an empty database with a demo world: hotels in every area, room types, plans,
 * nightly prices and inventory from today, restaurants with their seatings and courses,
 * demo staff, a demo member and the demo feature flags. All in one
 * transaction, so an interrupted seed leaves nothing behind and simply runs again.
 * A database seeded before restaurants existed (a catalogue, no restaurant) gets the demo
 * restaurants in its demo areas. Returns false when there was nothing to add.
 */
export async function seedDemoData(db: Executor, options: SeedOptions = {}): Promise<boolean> {
  const hotelsPerArea = options.hotelsPerArea ?? 7;
  const restaurantsPerArea = options.restaurantsPerArea ?? 8;
  const days = options.days ?? 365;
  const today = options.today ?? tokyoToday();
  const rand = random(20190130);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction().execute(async (trx) => {
    const t = tablesOf<SeedTables>(trx);
    const existing = await t.selectFrom('areas').select('id').limit(1).executeTakeFirst();
    if (existing) {
      const restaurants = await addMissingRestaurants(trx, { perArea: restaurantsPerArea, today, onProgress: options.onProgress });
      const features = await addMissingHotelFeatures(trx);
      return (await addMissingRoomDetails(trx)) || features || restaurants;
    }
    const firstDay = options.livedIn ? addDays(today, -PAST_DAYS) : today;
    const seeding: Seeding = { trx, t, pick: (n) => Math.floor(rand() * n), passwordHash, firstDay, days: days + daysBetween(firstDay, today) };
    await t
      .insertInto('areas')
      .values(DEMO_AREAS.map((a, i) => ({ id: a.id, ...namesOf(a), sort_order: i })))
      .execute();
    const total = DEMO_AREAS.length * (hotelsPerArea + restaurantsPerArea);
    let done = 0;
    for (const area of DEMO_AREAS) {
      for (let h = 0; h < hotelsPerArea; h++) {
        await seedHotel(seeding, area, h);
        options.onProgress?.(++done, total);
      }
    }
    await seedDemoRestaurants({
      trx,
      areas: DEMO_AREAS,
      perArea: restaurantsPerArea,
      today,
      pick: restaurantDice(),
      onSeeded: () => options.onProgress?.(++done, total),
    });
    if (options.occupancyPrices) await seedDemoOccupancyPrices(trx);
    await seedDemoAccounts(seeding);
    await seedDemoFlags(trx);
    // after the accounts: the front desks and restaurants act as themselves
    if (options.livedIn) await seedLivedIn(trx, today, options.onBookingProgress);
    return true;
  });
}

/** The demo restaurants for a catalogue seeded before there were any: only while the restaurants table is empty. */
async function addMissingRestaurants(
  trx: Executor,
  options: { perArea: number; today: string; onProgress?: (done: number, total: number) => void },
): Promise<boolean> {
  if (await tablesOf<DiningTables>(trx).selectFrom('restaurants').select('id').limit(1).executeTakeFirst()) return false;
  const present = new Set((await tablesOf<SeedTables>(trx).selectFrom('areas').select('id').execute()).map((a) => a.id));
  const areas = DEMO_AREAS.filter((a) => present.has(a.id));
  if (areas.length === 0 || options.perArea === 0) return false;
  let done = 0;
  const total = areas.length * options.perArea;
  await seedDemoRestaurants({ trx, areas, perArea: options.perArea, today: options.today, pick: restaurantDice(), onSeeded: () => options.onProgress?.(++done, total) });
  return true;
}

/**
 * Amenities and house rules for a catalogue seeded before hotels had them: only while no hotel
 * has an amenity, and only for the demo's own hotels (known by their style's English name).
 */
async function addMissingHotelFeatures(trx: Executor): Promise<boolean> {
  const t = tablesOf<SeedTables>(trx);
  if (await t.selectFrom('hotel_amenities').select('hotel_id').limit(1).executeTakeFirst()) return false;
  const hotels = await t.selectFrom('hotels').select(['id', 'name_en', 'area_id']).orderBy('id').execute();
  let added = false;
  for (const hotel of hotels) {
    const style = HOTEL_STYLES.find((s) => hotel.name_en.startsWith(`${s.en} `));
    if (style) added = (await seedHotelFeatures(trx, hotel.id, style.en, hotel.area_id)) || added;
  }
  return added;
}

async function seedHotelFeatures(trx: Executor, hotelId: number, styleEn: string, areaId: string): Promise<boolean> {
  const features = demoHotelFeatures(styleEn, areaId);
  if (!features) return false;
  const t = tablesOf<SeedTables>(trx);
  await t.updateTable('hotels').set(features.policies).where('id', '=', hotelId).execute();
  await t.insertInto('hotel_amenities').values(features.amenities.map((amenity) => ({ hotel_id: hotelId, amenity }))).execute();
  return true;
}

/** The id of a row the seed inserts: hotels, room types and plans are numbered by the database. */
async function insertForId<T extends 'hotels' | 'room_types' | 'rate_plans'>(
  { t }: Seeding,
  table: T,
  values: InsertObject<SeedTables, T>,
): Promise<number> {
  const row = await t.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** One hotel with its room types, plans, a calendar of prices and rooms, and its front desk's account. */
async function seedHotel(seeding: Seeding, area: DemoArea, index: number): Promise<void> {
  const { pick } = seeding;
  const style = HOTEL_STYLES[index % HOTEL_STYLES.length]!;
  const hotelId = await insertForId(seeding, 'hotels', {
    area_id: area.id,
    name_ja: `${style.ja} ${area.ja}`,
    name_en: `${style.en} ${area.en}`,
    description_ja: `${area.ja}の中心に佇む、${style.ja}ならではのおもてなし。`,
    description_en: `Quiet luxury in the heart of ${area.en}, with the hospitality of ${style.en}.`,
    address: `${area.en}, Japan`,
    stars: style.stars,
    recommendation: pick(1000),
    contact_email: `frontdesk.${area.id}.${index + 1}@hatago.example`,
  });
  await seedHotelFeatures(seeding.trx, hotelId, style.en, area.id);
  const basePrice = 18000 + style.stars * 6000 + pick(20) * 1000;
  const roomTypeCount = 2 + pick(4);
  await seedCalendar(seeding, await seedRoomTypes(seeding, { hotelId, styleEn: style.en, areaId: area.id }, basePrice, roomTypeCount));
  await seeding.t
    .insertInto('staff_accounts')
    .values({
      login: `facility-${hotelId}`,
      name: `${style.en} ${area.en} front desk`,
      kind: 'facility',
      hotel_id: hotelId,
      role: null,
      password_hash: seeding.passwordHash,
    })
    .execute();
}

/** What the calendar is filled from: each plan's weekday price and each room type's rooms. */
interface HotelStock {
  prices: Array<{ planId: number; nightly: number }>;
  inventory: Array<{ roomTypeId: number; rooms: number }>;
}

async function seedRoomTypes(seeding: Seeding, hotel: { hotelId: number; styleEn: string; areaId: string }, basePrice: number, count: number): Promise<HotelStock> {
  const stock: HotelStock = { prices: [], inventory: [] };
  for (let r = 0; r < count; r++) {
    const spec = ROOM_TYPES[r]!;
    const roomTypeId = await insertForId(seeding, 'room_types', {
      hotel_id: hotel.hotelId,
      ...namesOf(spec),
      capacity: spec.capacity,
      size_sqm: spec.sizeSqm,
      ...demoRoomDetails(hotel.styleEn, hotel.areaId, spec),
      sort_order: r,
    });
    stock.inventory.push({ roomTypeId, rooms: spec.rooms });
    const planCount = 1 + seeding.pick(3);
    for (let p = 0; p < planCount; p++) {
      const plan = PLANS[p]!;
      const planId = await insertForId(seeding, 'rate_plans', {
        room_type_id: roomTypeId,
        ...namesOf(plan),
        meals: plan.meals,
        free_cancel_days: plan.freeCancelDays,
        cancel_fee_percent: plan.feePercent,
        // suites are few and dear: their kaiseki plans are held by a card, as luxury hotels do
        guarantee_required: spec.factor >= 2 && plan.meals === 'half_board',
        sale_start: null,
        sale_end: null,
      });
      stock.prices.push({ planId, nightly: Math.round((basePrice * spec.factor * plan.factor) / 100) * 100 });
    }
  }
  return stock;
}

/** Nightly prices (Fridays and Saturdays dearer) and inventory for every seeded day, set-based. */
async function seedCalendar({ trx, firstDay, days }: Seeding, { prices, inventory }: HotelStock): Promise<void> {
  const seededDays = sql`generate_series(${firstDay}::date, ${firstDay}::date + ${days - 1}::int, interval '1 day') as d`;
  await sql`
    insert into plan_prices (plan_id, stay_date, price)
    select p."planId", d::date,
           (round(p.nightly * case when extract(isodow from d) in (5, 6) then 1.25 else 1 end / 100) * 100)::int
    from jsonb_to_recordset(${JSON.stringify(prices)}::jsonb) as p("planId" int, nightly int)
      cross join ${seededDays}
  `.execute(trx);
  await sql`
    insert into room_inventory (room_type_id, stay_date, total)
    select i."roomTypeId", d::date, i.rooms
    from jsonb_to_recordset(${JSON.stringify(inventory)}::jsonb) as i("roomTypeId" int, rooms int)
      cross join ${seededDays}
  `.execute(trx);
}

/** Operator staff of every role, every restaurant's desk and one member, all with the demo password. */
async function seedDemoAccounts({ trx, t, passwordHash }: Seeding): Promise<void> {
  // every restaurant's reservations desk: restaurant-<id>, as hotels have facility-<id>
  await sql`
    insert into staff_accounts (login, name, kind, restaurant_id, password_hash)
    select 'restaurant-' || id, name_en || ' reservations', 'facility', id, ${passwordHash} from restaurants order by id
  `.execute(trx);
  await t
    .insertInto('staff_accounts')
    .values([
      { login: 'support', name: 'Demo Support', kind: 'operator', hotel_id: null, role: 'support', password_hash: passwordHash },
      { login: 'admin', name: 'Demo Admin', kind: 'operator', hotel_id: null, role: 'admin', password_hash: passwordHash },
      { login: 'editor', name: 'Demo Editor', kind: 'operator', hotel_id: null, role: 'editor', password_hash: passwordHash },
    ])
    .execute();
  await t
    .insertInto('members')
    .values({
      email: 'member@example.com',
      name: '一休 花子',
      name_latin: 'Hanako Ikkyu',
      phone: '090-1234-5678',
      password_hash: passwordHash,
      // the demo member books as a member at once, as if they had followed their link
      email_verified_at: new Date(),
    })
    .execute();
}
export { seedDemoPhotos, type PhotoSeedOptions } from './seed-demo-photos.ts';
