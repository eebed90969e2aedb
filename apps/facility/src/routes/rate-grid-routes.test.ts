import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { bookStay } from '@hatago/booking';
import type { HttpApp } from '@hatago/platform/http';
import { addDays } from '@hatago/platform/time';
import { LocalStorage, UrlSignature } from '@hatago/storage';
import { createTestDatabase, futureDate, staffSessionCookie, type TestDatabase, testAppDeps, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { buildFacilityApp } from '../facility-app.ts';

// The console's today, fixed ahead of the real one so the grid's nights can be booked.
const DAY = futureDate(5);
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };

/** The grid form as the page fills it in: every number input's value and every ticked box. */
function gridFormOf(page: string): Record<string, string> {
  const fields: Record<string, string> = { version: /name="version" value="([0-9a-f]+)"/.exec(page)![1]! };
  for (const [, name, type, rest] of page.matchAll(/<input name="([^"]+)" type="(number|checkbox)"([^>]*)>/g)) {
    if (!/_\d+_\d{4}-\d{2}-\d{2}$/.test(name!)) continue; // the bulk form's fields
    if (type === 'number') fields[name!] = /value="([^"]*)"/.exec(rest!)![1]!;
    else if (rest!.includes('checked')) fields[name!] = 'on';
  }
  return fields;
}

describe('the rate and availability grid', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let root: string;
  let hotelId: number;
  let roomTypeId: number;
  let planId: number;
  let cookie: string;

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = FORM) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return app.inject({ method: 'POST', url, headers: { ...headers, cookie }, payload: body.toString() });
  };
  const night = async (date: string) =>
    (await sql<{ total: number; reserved: number; stop_sell: boolean; min_stay: number; closed_to_arrival: boolean; closed_to_departure: boolean }>`
      select total, reserved, stop_sell, min_stay, closed_to_arrival, closed_to_departure from room_inventory
      where room_type_id = ${roomTypeId} and stay_date = ${date}::date`.execute(db.database.db)).rows[0]!;
  const price = async (date: string) =>
    (await sql<{ price: number }>`select price from plan_prices where plan_id = ${planId} and stay_date = ${date}::date`.execute(db.database.db)).rows[0]?.price;
  const audits = async (action: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from audit_log where action = ${action}`.execute(db.database.db)).rows[0]!.n;
  const field = (what: string, id: number, date: string) => `${what}_${id}_${date}`;

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 40 } });
    const deps = testAppDeps(db.database);
    root = await mkdtemp(path.join(tmpdir(), 'hatago-rate-grid-'));
    const storage = new LocalStorage({ root, signature: new UrlSignature(deps.signingSecret), urlPrefix: '/facility/files/' });
    app = await buildFacilityApp({ ...deps, storage, today: () => DAY });
    const { rows } = await sql<{ hotel_id: number; room_type_id: number; plan_id: number }>`
      select rt.hotel_id, rt.id as room_type_id, rp.id as plan_id from room_types rt join rate_plans rp on rp.room_type_id = rt.id
      where rt.hotel_id = (select min(id) from hotels) order by rt.sort_order, rt.id, rp.id limit 1`.execute(db.database.db);
    ({ hotel_id: hotelId, room_type_id: roomTypeId, plan_id: planId } = rows[0]!);
    cookie = await staffSessionCookie(app, '/facility', `facility-${hotelId}`);
    const guest = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'grid@example.com', phone: '090-1111-2222' };
    await bookStay(testBookingContext(db.database.db), { planId, checkin: addDays(DAY, 2), nights: 1, guests: 2, rooms: 2, guest, acceptTerms: true }, { idempotencyKey: 'rate-grid-sold' });
  });
  after(async () => {
    await app.close();
    await db.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('shows 14 days of every room type, each input labelled, with previous and next links and a start date', async () => {
    const page = await get(`/facility/inventory?from=${DAY}`);
    assert.equal(page.statusCode, 200);
    assert.equal([...page.body.matchAll(/<th scope="col">/g)].length, 14);
    assert.ok(page.body.includes(`href="/facility/inventory?from=${addDays(DAY, 14)}"`));
    assert.ok(page.body.includes(`href="/facility/inventory?from=${addDays(DAY, -14)}"`));
    assert.match(page.body, /<form method="get" action="\/facility\/inventory"[^>]*><label[^>]*>Start on<input name="from" type="date"/);
    const inputs = [...page.body.matchAll(/<label><span class="visually-hidden">([^<]+)<\/span><input name="([^"]+)"/g)];
    const numbers = [...page.body.matchAll(/<input name="[a-zA-Z]+_\d+_[\d-]+"/g)];
    assert.equal(inputs.length, numbers.length, 'every grid input has its own label');
    assert.ok(inputs.some(([, label]) => label!.startsWith('Rooms for sale, ')));
    assert.match(page.body, new RegExp(`<th scope="row">Sold</th><td>[^<]*</td><td>[^<]*</td><td>2</td>`), 'the two rooms sold on the third day');
  });

  it('saves edited cells as one audited change and refuses a post from another site or without the form token', async () => {
    const date = addDays(DAY, 3);
    const form = gridFormOf((await get(`/facility/inventory?from=${DAY}`)).body);
    const edited = { ...form, from: DAY, [field('total', roomTypeId, date)]: '7', [field('minStay', roomTypeId, date)]: '2', [field('cta', roomTypeId, date)]: 'on', [field('price', planId, date)]: '45000' };

    const crossSite = await post('/facility/inventory', edited, { ...FORM, origin: 'https://evil.example' });
    assert.equal(crossSite.statusCode, 403);
    const noToken = await post('/facility/inventory', edited, { 'content-type': FORM['content-type'] });
    assert.equal(noToken.statusCode, 403, 'neither the form token nor a same-site origin');
    assert.notEqual((await night(date)).total, 7);

    const saved = await post('/facility/inventory', edited);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/facility/inventory?from=${DAY}&saved=2`); // one night (rooms, minimum stay, CTA) and one price
    assert.deepEqual(
      { ...(await night(date)), reserved: 0 },
      { total: 7, reserved: 0, stop_sell: false, min_stay: 2, closed_to_arrival: true, closed_to_departure: false },
    );
    assert.equal(await price(date), 45000);
    assert.equal(await audits('rate_grid.save'), 1);
    assert.match((await get(saved.headers.location as string)).body, /Saved for 2 cells/);
  });

  it('names every bad cell on the grid and saves nothing, not even the good ones', async () => {
    const form = { ...gridFormOf((await get(`/facility/inventory?from=${DAY}`)).body), from: DAY };
    const before = { good: await night(addDays(DAY, 5)), price: await price(addDays(DAY, 6)), audits: await audits('rate_grid.save') };
    const bad = {
      ...form,
      [field('total', roomTypeId, addDays(DAY, 5))]: '9', // good on its own
      [field('total', roomTypeId, addDays(DAY, 1))]: '-1',
      [field('total', roomTypeId, addDays(DAY, 2))]: '1', // two are sold
      [field('price', planId, addDays(DAY, 6))]: '0',
      [field('price', planId, addDays(DAY, 7))]: '12.5',
      [field('minStay', roomTypeId, addDays(DAY, 8))]: '15',
    };
    const refused = await post('/facility/inventory', bad);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Nothing was saved/);
    for (const name of [field('total', roomTypeId, addDays(DAY, 1)), field('price', planId, addDays(DAY, 6)), field('price', planId, addDays(DAY, 7)), field('minStay', roomTypeId, addDays(DAY, 8))]) {
      assert.match(refused.body, new RegExp(`name="${name}"[^>]*aria-invalid="true"`), name);
    }
    assert.equal(refused.body.includes('value="12.5"'), true, 'what was typed comes back');
    // sold rooms are checked under lock, after the values: the grid comes back once the rest is right
    const belowSold = await post('/facility/inventory', { ...form, [field('total', roomTypeId, addDays(DAY, 5))]: '9', [field('total', roomTypeId, addDays(DAY, 2))]: '1' });
    assert.equal(belowSold.statusCode, 422);
    assert.match(belowSold.body, /2 rooms are already sold on/);
    assert.deepEqual({ good: await night(addDays(DAY, 5)), price: await price(addDays(DAY, 6)), audits: await audits('rate_grid.save') }, before);
  });

  it('applies a bulk change to the chosen weekdays only, in one audited change, and refuses a bad one whole', async () => {
    const from = DAY;
    const to = addDays(DAY, 13);
    const weekend = (date: string) => [5, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    const dates = Array.from({ length: 14 }, (_, i) => addDays(from, i));
    const untouched = dates.find((d) => !weekend(d))!;
    const beforeWeekday = { night: await night(untouched), price: await price(untouched) };

    const refused = await post('/facility/inventory/bulk', { from, to, weekday: ['5', '6'], roomTypeId: String(roomTypeId), minStay: '0', [`price_${planId}`]: '30000' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /name="minStay"[^>]*aria-invalid="true"/);
    assert.notEqual(await price(dates.find(weekend)!), 30000);

    const applied = await post('/facility/inventory/bulk', { from, to, weekday: ['5', '6'], roomTypeId: String(roomTypeId), minStay: '2', ctd: 'on', [`price_${planId}`]: '30000' });
    assert.equal(applied.statusCode, 303);
    for (const date of dates.filter(weekend)) {
      const n = await night(date);
      assert.deepEqual([n.min_stay, n.closed_to_departure, await price(date)], [2, true, 30000], date);
    }
    assert.deepEqual({ night: await night(untouched), price: await price(untouched) }, beforeWeekday);
    assert.equal(await audits('rate_grid.bulk'), 1);
  });
});
