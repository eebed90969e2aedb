import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { bookStay } from '@hatago/booking';
import type { HttpApp } from '@hatago/platform/http';
import { LocalStorage, UrlSignature } from '@hatago/storage';
import { createTestDatabase, futureDate, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets, testBookingContext } from '@hatago/test-support';
import { buildFacilityApp } from './facility-app.ts';

interface HotelWorld {
  hotelId: number;
  roomTypeId: number;
  planId: number;
  code: string;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const encode = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return body.toString();
};

describe('facility console', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let root: string;
  let secret: string;
  let mine: HotelWorld;
  let theirs: HotelWorld;
  let cookie: string;

  const get = (url: string, withCookie = true) => app.inject({ method: 'GET', url, headers: withCookie ? { cookie } : {} });
  const post = (url: string, fields: Record<string, string | string[]>) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, cookie, origin: 'http://localhost' }, payload: encode(fields) });
  const row = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db.database.db)).rows[0];

  async function world(hotelId: number, guestName: string): Promise<HotelWorld> {
    const { rows } = await sql<{ room_type_id: number; plan_id: number }>`
      select rt.id as room_type_id, rp.id as plan_id from room_types rt join rate_plans rp on rp.room_type_id = rt.id
      where rt.hotel_id = ${hotelId} order by rt.id, rp.id limit 1
    `.execute(db.database.db);
    const { room_type_id: roomTypeId, plan_id: planId } = rows[0]!;
    const { reservation } = await bookStay(testBookingContext(db.database.db),
      {
        planId,
        checkin: futureDate(12),
        nights: 2,
        guests: 1,
        rooms: 1,
        acceptTerms: true,
        guest: { name: '山田 太郎', nameLatin: 'Taro Yamada', email: `guest${hotelId}@example.com`, phone: '090-1111-2222' },
      },
      { idempotencyKey: `facility-test-${hotelId}` },
    );
    // names a spreadsheet must not run, and that need quoting
    await sql`update reservations set guest_name = ${guestName}, guest_name_latin = ${'Doe, "Jane"'} where code = ${reservation.code}`.execute(db.database.db);
    return { hotelId, roomTypeId, planId, code: reservation.code };
  }

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    const deps = testAppDeps(db.database);
    secret = deps.signingSecret;
    root = await mkdtemp(path.join(tmpdir(), 'hatago-facility-'));
    const storage = new LocalStorage({ root, signature: new UrlSignature(secret), urlPrefix: '/facility/files/' });
    app = await buildFacilityApp({ ...deps, storage });
    const { rows } = await sql<{ id: number }>`select id from hotels order by id limit 2`.execute(db.database.db);
    mine = await world(rows[0]!.id, '=HYPERLINK("http://evil.example")');
    theirs = await world(rows[1]!.id, 'Other Hotel Guest');
    cookie = await staffSessionCookie(app, '/facility', `facility-${mine.hotelId}`);
  });
  after(async () => {
    await app.close();
    await db.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('sends visitors without a session to sign in, and marks console pages private', async () => {
    const anonymous = await get('/facility/inventory', false);
    assert.equal(anonymous.statusCode, 302);
    assert.match(String(anonymous.headers.location), /^\/facility\/login\?next=/);
    const home = await get('/facility/');
    assert.equal(home.statusCode, 200);
    assert.equal(home.headers['cache-control'], 'private, no-store');
  });

  it("shows only its own hotel's room types, and answers 404 for another hotel's", async () => {
    const list = await get('/facility/room-types');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(`/facility/room-types/${mine.roomTypeId}"`));
    assert.ok(!list.body.includes(`/facility/room-types/${theirs.roomTypeId}"`));
    assert.equal((await get(`/facility/room-types/${theirs.roomTypeId}`)).statusCode, 404);
    const before = await row(sql<{ name_en: string }>`select name_en from room_types where id = ${theirs.roomTypeId}`);
    const edit = await post(`/facility/room-types/${theirs.roomTypeId}`, { nameJa: '乗っ取り', nameEn: 'Hijacked', capacity: '2', sizeSqm: '20', bedType: 'twin' });
    assert.equal(edit.statusCode, 404);
    assert.deepEqual(await row(sql<{ name_en: string }>`select name_en from room_types where id = ${theirs.roomTypeId}`), before);
    assert.equal((await get('/facility/room-types/not-a-number')).statusCode, 404);
  });

  it('re-renders a room type form with field errors and creates nothing on bad input', async () => {
    const count = async () => (await row(sql<{ n: number }>`select count(*)::int as n from room_types where hotel_id = ${mine.hotelId}`))!.n;
    const before = await count();
    const bad = await post('/facility/room-types', { nameJa: '', nameEn: '<b>Suite</b>', capacity: '12', sizeSqm: '40' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Japanese name is required/);
    assert.match(bad.body, /Capacity must be between 1 and 8/);
    assert.ok(bad.body.includes('value="&lt;b&gt;Suite&lt;/b&gt;"'), 'keeps what was typed, escaped');
    assert.equal(await count(), before);
    const good = await post('/facility/room-types', { nameJa: '露天風呂付き', nameEn: 'Onsen suite', capacity: '3', sizeSqm: '55', bedType: 'futon-on-tatami', view: '', descriptionJa: '', descriptionEn: '' });
    assert.equal(good.statusCode, 303);
    assert.equal(await count(), before + 1);
  });

  it('edits a room type’s beds, size, view and descriptions, refusing bad values field by field with nothing saved', async () => {
    const details = async () =>
      row(sql<{ bed_type: string | null; room_view: string | null; size_sqm: number; description: string; description_en: string }>`
        select bed_type, room_view, size_sqm, description, description_en from room_types where id = ${mine.roomTypeId}`);
    const form = await get(`/facility/room-types/${mine.roomTypeId}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<option value="futon-on-tatami"[^>]*>Futon on tatami \/ 和室\(畳に布団\)<\/option>/);
    assert.match(form.body, /<option value="sea"[^>]*>Sea view \/ オーシャンビュー<\/option>/);
    const before = await details();
    const base = { nameJa: '和室', nameEn: 'Japanese room', capacity: '2' };
    const bad = await post(`/facility/room-types/${mine.roomTypeId}`, { ...base, sizeSqm: '9', bedType: 'hammock', view: 'moon', descriptionJa: '', descriptionEn: 'x'.repeat(2001) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Size must be between 10 and 500/);
    assert.match(bad.body, /Choose a bed type/);
    assert.match(bad.body, /Choose a view/);
    assert.equal((bad.body.match(/aria-invalid="true"/g) ?? []).length, 4, 'size, beds, view and the English description are marked');
    assert.equal((await post(`/facility/room-types/${mine.roomTypeId}`, { ...base, sizeSqm: '501', bedType: 'king' })).statusCode, 422);
    assert.equal((await post(`/facility/room-types/${mine.roomTypeId}`, { ...base, sizeSqm: '40' })).statusCode, 422, 'the beds must be named');
    assert.deepEqual(await details(), before, 'nothing saved');
    const saved = await post(`/facility/room-types/${mine.roomTypeId}`, { ...base, sizeSqm: '45', bedType: 'futon-on-tatami', view: 'garden', descriptionJa: '坪庭に面した和室', descriptionEn: 'A tatami room by a courtyard garden' });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await details(), { bed_type: 'futon-on-tatami', room_view: 'garden', size_sqm: 45, description: '坪庭に面した和室', description_en: 'A tatami room by a courtyard garden' });
    const again = await get(`/facility/room-types/${mine.roomTypeId}`);
    assert.match(again.body, /<option value="garden" selected>/);
    assert.ok(again.body.includes('>A tatami room by a courtyard garden</textarea>'));
  });

  it('edits its own hotel\u2019s profile, keeping what was typed beside field errors on bad input', async () => {
    const profile = async (id: number) =>
      row(sql<{ name_en: string; checkin_time: string; contact_email: string | null; service_charge_percent: number }>`
        select name_en, checkin_time, contact_email, service_charge_percent from hotels where id = ${id}`);
    const page = await get('/facility/hotel');
    assert.equal(page.statusCode, 200);
    const current = (await profile(mine.hotelId))!;
    assert.ok(page.body.includes(`value="${current.name_en}"`), 'the form shows the stored profile');
    const theirsBefore = await profile(theirs.hotelId);

    const fields = {
      nameJa: 'はたご 京都',
      nameEn: 'Hatago <Kyoto>',
      descriptionJa: '',
      descriptionEn: 'By the river.',
      address: '京都市中京区 1-2-3',
      checkinTime: '14:00',
      checkoutTime: '11:00',
      contactEmail: '',
      serviceChargePercent: '15',
    };
    const bad = await post('/facility/hotel', { ...fields, checkinTime: '2pm', contactEmail: 'desk@', serviceChargePercent: '31' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Check-in time must be a time like 15:00/);
    assert.match(bad.body, /Front desk email must be an email address/);
    assert.match(bad.body, /Service charge must be between 0 and 30/);
    assert.ok(bad.body.includes('value="Hatago &lt;Kyoto&gt;"'), 'keeps what was typed, escaped');
    assert.deepEqual(await profile(mine.hotelId), current, 'nothing saved');

    const good = await post('/facility/hotel', fields);
    assert.equal(good.statusCode, 303);
    assert.equal(good.headers.location, '/facility/hotel?saved=0');
    assert.deepEqual(await profile(mine.hotelId), { name_en: 'Hatago <Kyoto>', checkin_time: '14:00', contact_email: null, service_charge_percent: 15 });
    assert.deepEqual(await profile(theirs.hotelId), theirsBefore, 'only the signed-in hotel changes');
    assert.match((await get('/facility/hotel?saved=0')).body, /Saved\./);
  });

  it('ticks its hotel\u2019s amenities and sets its policies, keeping the ticks beside field errors', async () => {
    const amenities = async (id: number) =>
      (await sql<{ amenity: string }>`select amenity from hotel_amenities where hotel_id = ${id} order by amenity`.execute(db.database.db)).rows.map((r) => r.amenity);
    const page = await get('/facility/hotel/amenities');
    assert.equal(page.statusCode, 200);
    for (const code of await amenities(mine.hotelId)) assert.ok(page.body.includes(`name="amenities" value="${code}" checked`), code);
    assert.match(page.body, /<legend>Amenities \(tick every one the hotel offers\)<\/legend>/);
    const theirsBefore = await amenities(theirs.hotelId);

    const bad = await post('/facility/hotel/amenities', { amenities: ['spa', 'casino'], childrenMinAge: '40', smoking: 'non_smoking', accessJa: '', accessEn: '' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choose amenities from the list/);
    assert.match(bad.body, /Children&#39;s minimum age must be between 0 and 18|Children's minimum age must be between 0 and 18/);
    assert.ok(bad.body.includes('name="amenities" value="spa" checked'), 'keeps what was ticked');

    const good = await post('/facility/hotel/amenities', { amenities: ['spa', 'pool'], childrenMinAge: '12', smoking: 'smoking_area', accessJa: '駅から徒歩3分', accessEn: '3 minutes from the station' });
    assert.equal(good.statusCode, 303);
    assert.equal(good.headers.location, '/facility/hotel/amenities?saved=0');
    assert.deepEqual(await amenities(mine.hotelId), ['pool', 'spa']);
    assert.deepEqual(await row(sql`select children_min_age, smoking_policy, access_en from hotels where id = ${mine.hotelId}`), {
      children_min_age: 12,
      smoking_policy: 'smoking_area',
      access_en: '3 minutes from the station',
    });
    assert.deepEqual(await amenities(theirs.hotelId), theirsBefore, 'only the signed-in hotel changes');
  });

  it('sets prices for chosen weekdays and refuses bad input or another hotel\u2019s plan', async () => {
    assert.equal((await get(`/facility/plans/${theirs.planId}`)).statusCode, 404);
    const theirPrice = await post('/facility/inventory/bulk', { from: futureDate(2), to: futureDate(3), [`price_${theirs.planId}`]: '1' });
    assert.equal(theirPrice.statusCode, 422, "another hotel's plan has no price field here: nothing is set");
    assert.equal((await post(`/facility/plans/${theirs.planId}/active`, { active: 'false' })).statusCode, 404);
    assert.equal((await row(sql<{ active: boolean }>`select active from rate_plans where id = ${theirs.planId}`))!.active, true);

    const bad = await post('/facility/inventory/bulk', { from: futureDate(5), to: futureDate(1), [`price_${mine.planId}`]: 'cheap' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Last night must be on or after the first night/);
    assert.match(bad.body, /Price of [^<]+ must be a whole number/);

    const from = futureDate(21);
    const saturdays = Array.from({ length: 7 }, (_, i) => futureDate(21 + i)).filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6);
    const ok = await post('/facility/inventory/bulk', { from, to: futureDate(27), [`price_${mine.planId}`]: '88000', weekday: '6' });
    assert.equal(ok.statusCode, 303);
    const { rows } = await sql<{ stay_date: string }>`select stay_date from plan_prices where plan_id = ${mine.planId} and price = 88000 order by stay_date`.execute(db.database.db);
    assert.deepEqual(rows.map((r) => r.stay_date), saturdays);
    assert.equal((await get(String(ok.headers.location))).statusCode, 200);
    // the week may run into the next month: the new price shows on the first Saturday's month
    const page = await get(`/facility/plans/${mine.planId}?month=${saturdays[0]!.slice(0, 7)}`);
    assert.match(page.body, /¥88,000/);
  });

  it('refuses rooms below what is reserved with a field error, and sets a range otherwise', async () => {
    const from = futureDate(12); // the booked stay holds 1 room on these two nights
    const nights = async () =>
      (await sql<{ total: number }>`select total from room_inventory where room_type_id = ${mine.roomTypeId} and stay_date between ${from}::date and ${futureDate(14)}::date order by stay_date`.execute(db.database.db)).rows;
    const before = await nights();
    const refused = await post('/facility/inventory/bulk', { from, to: futureDate(14), roomTypeId: String(mine.roomTypeId), total: '0' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /1 room is already sold on .*; set at least 1/);
    assert.deepEqual(await nights(), before);

    const set = await post('/facility/inventory/bulk', { from, to: futureDate(14), roomTypeId: String(mine.roomTypeId), total: '6' });
    assert.equal(set.statusCode, 303);
    assert.deepEqual((await nights()).map((n) => n.total), [6, 6, 6]);
    assert.equal((await get(String(set.headers.location))).statusCode, 200);
    const month = await get(`/facility/inventory/${mine.roomTypeId}?month=${from.slice(0, 7)}`);
    assert.equal(month.statusCode, 200);
    assert.match(month.body, /Reserved 1/);

    assert.equal((await get(`/facility/inventory/${theirs.roomTypeId}`)).statusCode, 404);
    assert.equal((await post('/facility/inventory/bulk', { from, to: from, roomTypeId: String(theirs.roomTypeId), stopSell: 'on' })).statusCode, 422, "another hotel's room type is not one to choose");
  });

  it("lists and shows its own reservations only, with filters", async () => {
    const list = await get('/facility/reservations');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(mine.code));
    assert.ok(!list.body.includes(theirs.code));
    const byName = await get(`/facility/reservations?name=${encodeURIComponent('Jane')}&status=confirmed`);
    assert.ok(byName.body.includes(mine.code));
    const none = await get(`/facility/reservations?code=${theirs.code}`);
    assert.ok(!none.body.includes(`/facility/reservations/${theirs.code}`));
    assert.equal((await get('/facility/reservations?from=2026-13-01&status=lost')).statusCode, 422);
    assert.equal((await get(`/facility/reservations/${mine.code}`)).statusCode, 200);
    assert.equal((await get(`/facility/reservations/${theirs.code}`)).statusCode, 404);
  });

  it('exports reservations to storage and serves them through a short-lived signed link', async () => {
    const exported = await post('/facility/reservations/export', { from: '', to: '', status: '', name: '', code: '' });
    assert.equal(exported.statusCode, 303);
    const link = String(exported.headers.location);
    assert.match(link, new RegExp(`^/facility/files/exports/hotel-${mine.hotelId}/reservations-[0-9-]+-[0-9a-f]{32}\\.csv\\?expires=\\d+&signature=`));

    const download = await get(link, false);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="reservations-\d+-[0-9-]+\.csv"$/);
    assert.equal(download.headers['cache-control'], 'private, no-store');
    const csv = download.rawPayload.toString('utf8');
    assert.ok(csv.startsWith('\uFEFFCode,Status,Check-in,Check-out,'), 'BOM then header');
    const lines = csv.slice(1).split('\r\n');
    assert.equal(lines.at(-1), '', 'every line ends with CRLF');
    const mineLine = lines.find((l) => l.startsWith(mine.code));
    assert.ok(mineLine, 'my reservation is a row');
    assert.ok(mineLine.includes(`"'=HYPERLINK(""http://evil.example"")","Doe, ""Jane""",guest${mine.hotelId}@example.com,090-1111-2222`));
    assert.ok(!csv.includes(theirs.code), "no other hotel's reservations");
    assert.equal(lines.length - 2, (await row(sql<{ n: number }>`select count(*)::int as n from reservations where hotel_id = ${mine.hotelId}`))!.n);

    const url = new URL(link, 'http://facility.test');
    const signature = url.searchParams.get('signature')!;
    const tampered = link.replace(`signature=${signature}`, `signature=${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`);
    assert.equal((await get(tampered, false)).statusCode, 403);
    const moved = link.replace(`hotel-${mine.hotelId}/`, `hotel-${theirs.hotelId}/`);
    assert.equal((await get(moved, false)).statusCode, 403);
    assert.equal((await get(url.pathname, false)).statusCode, 403);

    const key = decodeURIComponent(url.pathname.slice('/facility/files/'.length));
    const past = new UrlSignature(secret, () => Date.now() - 3_600_000).sign(key, 60);
    const expired = await get(`${url.pathname}?expires=${past.expires}&signature=${past.signature}`, false);
    assert.equal(expired.statusCode, 403);
    assert.match(expired.body, /expired/);
  });

  it('answers input PostgreSQL would refuse (year 0, NUL) with a fallback or field errors, never a 500', async () => {
    assert.equal((await get(`/facility/inventory/${mine.roomTypeId}?month=0000-01`)).statusCode, 200);
    assert.equal((await get(`/facility/plans/${mine.planId}?month=0000-01`)).statusCode, 200);
    for (const query of ['from=0000-01-01', 'name=a%00b', 'code=HT%00']) {
      assert.equal((await get(`/facility/reservations?${query}`)).statusCode, 422, query);
    }
    const before = await row(sql<{ sale_start: string | null; name_en: string }>`select sale_start, name_en from rate_plans where id = ${mine.planId}`);
    const terms = { nameJa: '朝食付き', meals: 'breakfast', freeCancelDays: '3', cancelFeePercent: '50' };
    const yearZero = await post(`/facility/plans/${mine.planId}`, { ...terms, nameEn: 'Breakfast', saleStart: '0000-01-01' });
    assert.equal(yearZero.statusCode, 422);
    assert.match(yearZero.body, /Sale start must be a date/);
    const nul = await post(`/facility/plans/${mine.planId}`, { ...terms, nameEn: 'Break\u0000fast' });
    assert.equal(nul.statusCode, 422);
    assert.match(nul.body, /Remove the control character/);
    assert.deepEqual(await row(sql<{ sale_start: string | null; name_en: string }>`select sale_start, name_en from rate_plans where id = ${mine.planId}`), before);
  });

  it('refuses an export whose filter is invalid, with field errors', async () => {
    const bad = await post('/facility/reservations/export', { from: 'yesterday', to: '', status: '', name: '', code: '' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Enter a date as YYYY-MM-DD/);
  });
});
