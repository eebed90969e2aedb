import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { HttpApp } from '@hatago/platform/http';
import { addDays } from '@hatago/platform/time';
import { LocalStorage, UrlSignature } from '@hatago/storage';
import { createTestDatabase, futureDate, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { buildFacilityApp } from '../facility-app.ts';

const DAY = futureDate(5);
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };

describe('prices per number of guests on the rate grid page', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let root: string;
  let plan: { hotel_id: number; plan_id: number; capacity: number };
  let cookie: string;

  const post = (fields: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/facility/inventory/occupancy', headers: { ...FORM, cookie }, payload: new URLSearchParams(fields).toString() });
  const stored = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from plan_prices where plan_id = ${plan.plan_id} and occupancy_prices is not null`.execute(db.database.db)).rows[0]!.n;

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 40 } });
    const deps = testAppDeps(db.database);
    root = await mkdtemp(path.join(tmpdir(), 'hatago-occupancy-'));
    const storage = new LocalStorage({ root, signature: new UrlSignature(deps.signingSecret), urlPrefix: '/facility/files/' });
    app = await buildFacilityApp({ ...deps, storage, today: () => DAY });
    const { rows } = await sql<typeof plan>`
      select rt.hotel_id, rp.id as plan_id, rt.capacity from room_types rt join rate_plans rp on rp.room_type_id = rt.id
      where rt.capacity between 3 and 7 order by rt.hotel_id, rt.id, rp.id limit 1`.execute(db.database.db);
    plan = rows[0]!;
    cookie = await staffSessionCookie(app, '/facility', `facility-${plan.hotel_id}`);
  });
  after(async () => {
    await app.close();
    await db.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a count above the room\'s capacity with the field marked, keeping what was typed, and saves nothing', async () => {
    const over = `guests_${plan.capacity + 1}`;
    const response = await post({ from: DAY, to: addDays(DAY, 3), planId: String(plan.plan_id), guests_1: '48000', [over]: '99000' });
    assert.equal(response.statusCode, 422);
    assert.ok(response.body.includes(`This room holds ${plan.capacity} guests; leave ${plan.capacity + 1} empty`));
    assert.match(response.body, /<input name="guests_1" type="number" value="48000"/);
    assert.equal(await stored(), 0);
  });

  it('answers malformed posts with the form again (422), never a 500, and saves nothing', async () => {
    const malformed: Array<Record<string, string>> = [
      {},
      { from: 'yesterday', to: '2026-02-30', planId: 'x', guests_1: '1e9' },
      { from: DAY, to: DAY, planId: String(plan.plan_id), guests_1: '99999999999999999999' },
      { from: DAY, to: DAY, planId: '-1', guests_2: '0', remove: 'yes' },
      { from: DAY, to: DAY, planId: String(plan.plan_id), guests_1: '\u0000', weekday: '9' },
    ];
    for (const fields of malformed) assert.equal((await post(fields)).statusCode, 422, JSON.stringify(fields));
    const body = new URLSearchParams([['from', DAY], ['to', DAY], ['planId', String(plan.plan_id)], ['planId', '2'], ['guests_1', '1'], ['guests_1', '2']]);
    const repeated = await app.inject({ method: 'POST', url: '/facility/inventory/occupancy', headers: { ...FORM, cookie }, payload: body.toString() });
    assert.equal(repeated.statusCode, 422, 'repeated fields are not a value');
    assert.equal(await stored(), 0);
  });

  it('sets the prices for the range and shows them in the grid', async () => {
    const response = await post({ from: DAY, to: addDays(DAY, 1), planId: String(plan.plan_id), guests_1: '48000', guests_2: '56000', guests_3: '70000' });
    assert.equal(response.statusCode, 303);
    assert.equal(await stored(), 2);
    const page = await app.inject({ method: 'GET', url: response.headers.location as string, headers: { cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<th scope="row">Price per guests: [^<]+<\/th><td><div>1: 48,000<\/div><div>2: 56,000<\/div><div>3: 70,000<\/div><\/td>/);
  });
});
