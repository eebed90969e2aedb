import { sql } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';
import type { CatalogTables } from '@hatago/catalog';
import { hashPassword, type IdentityTables } from '@hatago/identity';
import { tokyoToday } from '@hatago/platform/time';
import { DEMO_AREAS, DEMO_PASSWORD, HOTEL_STYLES, PLANS, ROOM_TYPES } from './demo-catalog.ts';

export { DEMO_PASSWORD };

export interface SeedOptions {
  hotelsPerArea?: number;
  days?: number;
  today?: string;
  onProgress?: (done: number, total: number) => void;
}

/** A small deterministic generator, so every fresh start shows the same demo world. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Fills an empty database with a demo world: hotels in every area, room types, plans,
 * nightly prices and inventory from today, demo staff and a demo member. All in one
 * transaction, so an interrupted seed leaves nothing behind and simply runs again.
 * Returns false when the database already has a catalogue.
 */
export async function seedDemoData(db: Executor, options: SeedOptions = {}): Promise<boolean> {
  const hotelsPerArea = options.hotelsPerArea ?? 7;
  const days = options.days ?? 365;
  const today = options.today ?? tokyoToday();
  const rand = random(20190130);
  const pick = (n: number) => Math.floor(rand() * n);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction().execute(async (trx) => {
    const t = tablesOf<CatalogTables & IdentityTables>(trx);
    const existing = await t.selectFrom('areas').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    await t
      .insertInto('areas')
      .values(DEMO_AREAS.map((a, i) => ({ id: a.id, name_ja: a.ja, name_en: a.en, sort_order: i })))
      .execute();

    const total = DEMO_AREAS.length * hotelsPerArea;
    let done = 0;
    for (const area of DEMO_AREAS) {
      for (let h = 0; h < hotelsPerArea; h++) {
        const style = HOTEL_STYLES[h % HOTEL_STYLES.length]!;
        const hotel = await t
          .insertInto('hotels')
          .values({
            area_id: area.id,
            name_ja: `${style.ja} ${area.ja}`,
            name_en: `${style.en} ${area.en}`,
            description_ja: `${area.ja}の中心に佇む、${style.ja}ならではのおもてなし。`,
            description_en: `Quiet luxury in the heart of ${area.en}, with the hospitality of ${style.en}.`,
            address: `${area.en}, Japan`,
            stars: style.stars,
            recommendation: pick(1000),
            contact_email: `frontdesk.${area.id}.${h + 1}@hatago.example`,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const basePrice = 18000 + style.stars * 6000 + pick(20) * 1000;
        const roomTypeCount = 2 + pick(4);
        const prices: Array<{ planId: number; nightly: number }> = [];
        const inventory: Array<{ roomTypeId: number; rooms: number }> = [];
        for (let r = 0; r < roomTypeCount; r++) {
          const spec = ROOM_TYPES[r]!;
          const roomType = await t
            .insertInto('room_types')
            .values({
              hotel_id: hotel.id,
              name_ja: spec.ja,
              name_en: spec.en,
              capacity: spec.capacity,
              size_sqm: spec.sizeSqm,
              sort_order: r,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          inventory.push({ roomTypeId: roomType.id, rooms: spec.rooms });
          const planCount = 1 + pick(3);
          for (let p = 0; p < planCount; p++) {
            const plan = PLANS[p]!;
            const row = await t
              .insertInto('rate_plans')
              .values({
                room_type_id: roomType.id,
                name_ja: plan.ja,
                name_en: plan.en,
                meals: plan.meals,
                free_cancel_days: plan.freeCancelDays,
                cancel_fee_percent: plan.feePercent,
                sale_start: null,
                sale_end: null,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            prices.push({ planId: row.id, nightly: Math.round((basePrice * spec.factor * plan.factor) / 100) * 100 });
          }
        }
        // a year of nightly prices (Fridays and Saturdays dearer) and inventory, set-based
        await sql`
          insert into plan_prices (plan_id, stay_date, price)
          select p."planId", d::date,
                 (round(p.nightly * case when extract(isodow from d) in (5, 6) then 1.25 else 1 end / 100) * 100)::int
          from jsonb_to_recordset(${JSON.stringify(prices)}::jsonb) as p("planId" int, nightly int)
            cross join generate_series(${today}::date, ${today}::date + ${days - 1}::int, interval '1 day') as d
        `.execute(trx);
        await sql`
          insert into room_inventory (room_type_id, stay_date, total)
          select i."roomTypeId", d::date, i.rooms
          from jsonb_to_recordset(${JSON.stringify(inventory)}::jsonb) as i("roomTypeId" int, rooms int)
            cross join generate_series(${today}::date, ${today}::date + ${days - 1}::int, interval '1 day') as d
        `.execute(trx);
        await t
          .insertInto('staff_accounts')
          .values({
            login: `facility-${hotel.id}`,
            name: `${style.en} ${area.en} front desk`,
            kind: 'facility',
            hotel_id: hotel.id,
            role: null,
            password_hash: passwordHash,
          })
          .execute();
        options.onProgress?.(++done, total);
      }
    }
    await t
      .insertInto('staff_accounts')
      .values([
        { login: 'support', name: 'Demo Support', kind: 'operator', hotel_id: null, role: 'support', password_hash: passwordHash },
        { login: 'admin', name: 'Demo Admin', kind: 'operator', hotel_id: null, role: 'admin', password_hash: passwordHash },
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
      })
      .execute();
    return true;
  });
}
