import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { bookTable, type TableReservation } from '@hatago/dining';
import { addTestRestaurant, TEST_CLOCK, testDiningContext, testRestaurant } from '@hatago/dining/testing';
import { DEMO_PASSWORD } from '@hatago/demo-data';
import { createStaffAccount } from '@hatago/identity';
import type { HttpApp } from '@hatago/platform/http';
import { LocalStorage, UrlSignature } from '@hatago/storage';
import { createTestDatabase, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { buildFacilityApp } from './facility-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const FRIDAY = '2027-03-05';
const encode = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return body.toString();
};

interface RestaurantWorld {
  id: number;
  courseIds: number[];
  seatingIds: number[];
  request: TableReservation;
}

describe('restaurant staff in the facility console', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let root: string;
  let mine: RestaurantWorld;
  let theirs: RestaurantWorld;
  let cookie: string;
  let n = 0;

  const get = (url: string, as = cookie) => app.inject({ method: 'GET', url, headers: as ? { cookie: as } : {} });
  const post = (url: string, fields: Record<string, string | string[]>, as = cookie) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, cookie: as, origin: 'http://localhost' }, payload: encode(fields) });
  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db.database.db)).rows;

  async function world(login: string): Promise<RestaurantWorld> {
    const { id, courseIds } = await addTestRestaurant(db.database.db, testRestaurant({ bookingMode: 'request', contactEmail: `${login}@example.com` }));
    await createStaffAccount(db.database.db, { login, name: `${login} desk`, kind: 'facility', restaurantId: id, password: DEMO_PASSWORD });
    const seatingIds = (await rows(sql<{ id: number }>`select id from restaurant_seatings where restaurant_id = ${id} order by starts_at`)).map((r) => r.id);
    const guest = { name: `${login} guest`, email: `${login}.guest@example.com`, phone: '090-1111-2222' };
    const { reservation } = await bookTable(testDiningContext(db.database.db), { restaurantId: id, courseId: courseIds[0]!, date: FRIDAY, time: '18:00', party: 4, guest }, { idempotencyKey: `console-${login}-${++n}`, clock: TEST_CLOCK, locale: 'en' });
    return { id, courseIds, seatingIds, request: reservation };
  }

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    const deps = testAppDeps(db.database);
    root = await mkdtemp(path.join(tmpdir(), 'hatago-restaurant-console-'));
    const storage = new LocalStorage({ root, signature: new UrlSignature(deps.signingSecret), urlPrefix: '/facility/files/' });
    app = await buildFacilityApp({ ...deps, storage });
    mine = await world('desk-mine');
    theirs = await world('desk-theirs');
    cookie = await staffSessionCookie(app, '/facility', 'desk-mine');
  });
  after(async () => {
    await app.close();
    await db.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('lands a demo restaurant desk on its restaurant, and keeps hotel and restaurant accounts out of each other\u2019s pages', async () => {
    const [seeded] = await rows(sql<{ id: number; name_en: string }>`select id, name_en from restaurants order by id limit 1`);
    const demo = await staffSessionCookie(app, '/facility', `restaurant-${seeded!.id}`);
    const home = await get('/facility/', demo);
    assert.equal(home.statusCode, 302);
    assert.equal(home.headers.location, '/facility/restaurant');
    const page = await get('/facility/restaurant', demo);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(seeded!.name_en));
    assert.equal((await get('/facility/hotel', demo)).statusCode, 403);
    assert.equal((await get('/facility/reservations', demo)).statusCode, 403);
    const [hotel] = await rows(sql<{ id: number }>`select id from hotels order by id limit 1`);
    const hotelDesk = await staffSessionCookie(app, '/facility', `facility-${hotel!.id}`);
    assert.equal((await get('/facility/restaurant/seatings', hotelDesk)).statusCode, 403);
    assert.equal((await post('/facility/restaurant/capacity', { from: FRIDAY, to: FRIDAY, seats: '1' }, hotelDesk)).statusCode, 403);
  });

  it('shows the requests waiting first, and answers only its own: another restaurant\u2019s code is 404 and stays a request', async () => {
    const home = await get('/facility/restaurant');
    assert.match(home.body, /1 request waiting for your answer/);
    const list = await get('/facility/restaurant/reservations');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.indexOf('Waiting for your answer') < list.body.indexOf(mine.request.code));
    assert.ok(!list.body.includes(theirs.request.code));
    assert.equal((await get(`/facility/restaurant/reservations/${theirs.request.code}`)).statusCode, 404);
    assert.equal((await post(`/facility/restaurant/reservations/${theirs.request.code}/accept`, {})).statusCode, 404);
    // a restaurant's list offers the statuses tables share with stays; a front desk status is a field error
    assert.doesNotMatch(list.body, /value="checked_in"/);
    assert.match(list.body, /<option value="cancelled">Cancelled<\/option>/);
    const frontDesk = await get('/facility/restaurant/reservations?status=checked_in');
    assert.equal(frontDesk.statusCode, 422);
    assert.match(frontDesk.body, /Choose a status from the list/);
    const status = async (code: string) => (await rows(sql<{ status: string }>`select status from table_reservations where code = ${code}`))[0]!.status;
    assert.equal(await status(theirs.request.code), 'requested');

    const accepted = await post(`/facility/restaurant/reservations/${mine.request.code}/accept`, {});
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, `/facility/restaurant/reservations/${mine.request.code}?notice=accept`);
    assert.match((await get(String(accepted.headers.location))).body, /Accepted: the guest is mailed/);
    assert.equal(await status(mine.request.code), 'confirmed');
    assert.equal((await post(`/facility/restaurant/reservations/${mine.request.code}/decline`, {})).statusCode, 409, 'already answered');
    const mails = await rows(sql<{ template: string }>`select template from mail_messages where reference = ${mine.request.code} order by id`);
    assert.deepEqual(mails.map((m) => m.template), ['table-reservation-request', 'restaurant-new-request', 'table-reservation-confirmation']);
    const audit = await rows(sql<{ actor_name: string; action: string }>`select actor_name, action from audit_log where target_id = ${mine.request.code}`);
    assert.deepEqual(audit, [{ actor_name: 'desk-mine desk', action: 'table_reservation.accept' }]);
  });

  it('refuses capacity below what is sold with a field error and changes nothing, then sets a range', async () => {
    const stock = () => rows(sql<{ total: number; reserved: number }>`select total, reserved from seating_stock where seating_id = ${mine.seatingIds[1]!} and service_date = ${FRIDAY}::date`);
    const before = await stock();
    const refused = await post('/facility/restaurant/capacity', { from: FRIDAY, to: '2027-03-06', seating: '', seats: '2' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /4 seats are already sold on 2027-03-05; set at least 4/);
    assert.ok(refused.body.includes('value="2"'), 'keeps what was typed');
    assert.deepEqual(await stock(), before);
    const bad = await post('/facility/restaurant/capacity', { from: FRIDAY, to: FRIDAY, seating: String(theirs.seatingIds[0]), seats: '8' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choose one of your seatings/);
    const set = await post('/facility/restaurant/capacity', { from: FRIDAY, to: '2027-03-06', seating: '', seats: '8' });
    assert.equal(set.statusCode, 303);
    assert.equal(set.headers.location, '/facility/restaurant/capacity?month=2027-03&saved=2');
    assert.deepEqual(await stock(), [{ total: 8, reserved: 4 }]);
    const month = await get(String(set.headers.location));
    assert.match(month.body, /Saved for 2 dates/);
    assert.match(month.body, /18:00 4\/8 seats/);
    const closed = await post('/facility/restaurant/closed', { from: '2027-03-09', to: '2027-03-09', closed: 'close' });
    assert.equal(closed.statusCode, 303);
    assert.equal((await rows(sql<{ n: number }>`select count(*)::int as n from restaurant_holidays where restaurant_id = ${mine.id} and holiday = '2027-03-09'`))[0]!.n, 1);
  });

  it('edits its own seatings and courses with field errors, and answers 404 for another restaurant\u2019s, changing nothing', async () => {
    const bad = await post('/facility/restaurant/seatings', { startsAt: '19:00', durationMinutes: '60' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /runs into/);
    const theirSeating = async () => (await rows(sql<{ starts_at: string }>`select starts_at from restaurant_seatings where id = ${theirs.seatingIds[0]!}`))[0];
    const before = await theirSeating();
    assert.equal((await post(`/facility/restaurant/seatings/${theirs.seatingIds[0]}`, { startsAt: '11:45', durationMinutes: '60' })).statusCode, 404);
    assert.deepEqual(await theirSeating(), before);
    assert.equal((await post(`/facility/restaurant/seatings/${mine.seatingIds[0]}`, { startsAt: '11:45', durationMinutes: '90' })).statusCode, 303);
    assert.match((await get('/facility/restaurant/seatings')).body, /value="11:45"/);

    const course = {
      nameJa: '特選', nameEn: 'Chef <special>', descriptionJa: '', descriptionEn: '', pricePerPerson: '45000', minParty: '2', maxParty: '4',
      day: ['5', '6'], servedFrom: '17:00', servedUntil: '21:00', advanceDays: '30', cutoffMinutes: '120', cancelFees: '48:50, 24:100', active: 'on',
    };
    const refused = await post('/facility/restaurant/courses', { ...course, cancelFees: 'half' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Write each rule as hours:percent/);
    assert.ok(refused.body.includes('value="Chef &lt;special&gt;"'));
    assert.equal((await post('/facility/restaurant/courses', course)).statusCode, 303);
    assert.match((await get('/facility/restaurant/courses')).body, /Chef &lt;special&gt;/);
    const theirCourse = async () => (await rows(sql<{ price_per_person: number }>`select price_per_person from restaurant_courses where id = ${theirs.courseIds[0]!}`))[0];
    const theirPrice = await theirCourse();
    assert.equal((await get(`/facility/restaurant/courses/${theirs.courseIds[0]}`)).statusCode, 404);
    assert.equal((await post(`/facility/restaurant/courses/${theirs.courseIds[0]}`, course)).statusCode, 404);
    assert.deepEqual(await theirCourse(), theirPrice);
    const audit = await rows(sql<{ action: string }>`select action from audit_log where actor_name = 'desk-mine desk' and (action like 'course.%' or action like 'seating.%') order by id`);
    assert.deepEqual(audit.map((a) => a.action), ['seating.update', 'course.create']);
  });

  it('lays out the day by seating and table, and exports only its own reservations as CSV', async () => {
    const day = await get(`/facility/restaurant/day?date=${FRIDAY}`);
    assert.equal(day.statusCode, 200);
    assert.ok(day.body.includes(mine.request.code));
    assert.ok(!day.body.includes(theirs.request.code));
    assert.match(day.body, /4 guests/);
    assert.equal((await get('/facility/restaurant/day?date=2026-13-45')).statusCode, 200, 'a wrong date shows today');

    const exported = await post('/facility/restaurant/reservations/export', { from: '', to: '', status: '', name: '', code: '' });
    assert.equal(exported.statusCode, 303);
    const link = String(exported.headers.location);
    assert.match(link, new RegExp(`^/facility/files/exports/restaurant-${mine.id}/reservations-`));
    const download = await get(link, '');
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), new RegExp(`filename="reservations-restaurant-${mine.id}-`));
    const csv = download.rawPayload.toString('utf8');
    assert.ok(csv.startsWith('\uFEFFCode,Status,Date,Seating,'));
    assert.ok(csv.includes(`${mine.request.code},confirmed,${FRIDAY},18:00`));
    assert.ok(!csv.includes(theirs.request.code));
    assert.equal((await post('/facility/restaurant/reservations/export', { from: '2027-99-01' })).statusCode, 422);
  });
});
