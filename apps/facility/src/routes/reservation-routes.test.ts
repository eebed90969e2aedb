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
import { yen } from '@hatago/web-kit';
import { buildFacilityApp } from '../facility-app.ts';

// The console's today, fixed ahead of the real one so a stay arriving "today" could be booked.
const DAY = futureDate(20);
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };

describe('the front desk on a reservation\'s page', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let root: string;
  let hotelId: number;
  let cookie: string;
  let otherCookie: string;

  const get = (url: string, as = cookie) => app.inject({ method: 'GET', url, headers: { cookie: as } });
  const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = FORM, as = cookie) =>
    app.inject({ method: 'POST', url, headers: { ...headers, cookie: as }, payload: new URLSearchParams(fields).toString() });
  const row = async (code: string) =>
    (await sql<{ status: string; nights: number; version: number; total_price: number; no_show_fee: number | null }>`
      select status, nights, version, total_price, no_show_fee from reservations where code = ${code}`.execute(db.database.db)).rows[0]!;

  async function book(label: string, offset: number, nights = 2): Promise<string> {
    const { rows } = await sql<{ id: number }>`select rp.id from rate_plans rp join room_types rt on rt.id = rp.room_type_id where rt.hotel_id = ${hotelId} order by rt.id, rp.id limit 1`.execute(db.database.db);
    const guest = { name: `客 ${label}`, nameLatin: `Guest ${label}`, email: `${label}@example.com`, phone: '090-1111-2222' };
    const { reservation } = await bookStay(testBookingContext(db.database.db), { planId: rows[0]!.id, checkin: addDays(DAY, offset), nights, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: `desk-route-${label}`, locale: 'en' });
    return reservation.code;
  }

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 40 } });
    const deps = testAppDeps(db.database);
    root = await mkdtemp(path.join(tmpdir(), 'hatago-front-desk-'));
    const storage = new LocalStorage({ root, signature: new UrlSignature(deps.signingSecret), urlPrefix: '/facility/files/' });
    app = await buildFacilityApp({ ...deps, storage, today: () => DAY });
    const hotels = (await sql<{ id: number }>`select id from hotels order by id limit 2`.execute(db.database.db)).rows.map((r) => r.id);
    hotelId = hotels[0]!;
    cookie = await staffSessionCookie(app, '/facility', `facility-${hotelId}`);
    otherCookie = await staffSessionCookie(app, '/facility', `facility-${hotels[1]}`);
  });
  after(async () => {
    await app.close();
    await db.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('previews a change with the old and new totals, then makes it on confirmation', async () => {
    const code = await book('modify', 3);
    const page = await get(`/facility/reservations/${code}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form class="inline" method="post" action="\/facility\/reservations\/[A-Z0-9]+\/modify\/preview"><input type="hidden" name="_csrf"/);
    assert.match(page.body, /Check-in and no-show open on the arrival date/);

    const before = await row(code);
    const preview = await post(`/facility/reservations/${code}/modify/preview`, { planId: '', checkin: addDays(DAY, 3), nights: '3', guests: '1', rooms: '1', version: '1' });
    assert.equal(preview.statusCode, 200);
    assert.ok(preview.body.includes(`<td>${yen(before.total_price)}</td>`), 'the total now');
    const newTotal = Number(/name="expectedTotal" value="(\d+)"/.exec(preview.body)![1]);
    assert.ok(newTotal > before.total_price);
    assert.ok(preview.body.includes(`<td>${yen(newTotal)}</td>`), 'the total after');
    assert.equal((await row(code)).nights, 2, 'a preview changes nothing');

    const confirmed = await post(`/facility/reservations/${code}/modify`, { planId: '', checkin: addDays(DAY, 3), nights: '3', guests: '1', rooms: '1', version: '1', expectedTotal: String(newTotal) });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, `/facility/reservations/${code}?notice=modified`);
    assert.deepEqual(await row(code), { ...before, nights: 3, version: 2, total_price: newTotal });
    assert.match((await get(confirmed.headers.location)).body, /Changed. The guest is mailed what changed./);

    const again = await post(`/facility/reservations/${code}/modify`, { planId: '', checkin: addDays(DAY, 3), nights: '3', guests: '1', rooms: '1', version: '1', expectedTotal: String(newTotal) });
    assert.equal(again.headers.location, `/facility/reservations/${code}?notice=modified-already`, 'a form sent twice changes once');
  });

  it('shows field errors in the form, keeping what was typed, and a refusal with its reason', async () => {
    const code = await book('bad-input', 4);
    const refused = await post(`/facility/reservations/${code}/modify/preview`, { checkin: addDays(DAY, 4), nights: '0', guests: '1', rooms: '1', version: '1' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /<label class="field-error">Nights<input name="nights" type="number" value="0"[^>]*aria-invalid="true"><span class="error-text">Nights must be between 1 and 14/);

    const stale = await post(`/facility/reservations/${code}/modify`, { checkin: addDays(DAY, 4), nights: '3', guests: '1', rooms: '1', version: '7' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /role="alert">[^<]*was changed by somebody else/);
    assert.equal((await row(code)).nights, 2);
  });

  it('checks in on the arrival date and out again, refusing a check-in before it', async () => {
    const early = await book('early', 2);
    const tooSoon = await post(`/facility/reservations/${early}/check-in`, {});
    assert.equal(tooSoon.statusCode, 409);
    assert.match(tooSoon.body, /role="alert">[^<]*arrives on/);
    assert.equal((await row(early)).status, 'confirmed');

    const code = await book('arriving', 0);
    const page = await get(`/facility/reservations/${code}`);
    assert.match(page.body, /action="\/facility\/reservations\/[A-Z0-9]+\/check-in"><input type="hidden" name="_csrf"[^>]*><button type="submit">Check in/);
    const checkedIn = await post(`/facility/reservations/${code}/check-in`, {});
    assert.equal(checkedIn.headers.location, `/facility/reservations/${code}?notice=checked-in`);
    assert.equal((await row(code)).status, 'checked_in');

    const dashboard = await get('/facility/');
    assert.match(dashboard.body, new RegExp(`${code}[^]*?Checked in</td><td><form method="post" action="/facility/reservations/${code}/check-out">`));
    const out = await post(`/facility/reservations/${code}/check-out`, { back: 'dashboard' });
    assert.equal(out.headers.location, '/facility/');
    assert.equal((await row(code)).status, 'checked_out');
    assert.match((await get(`/facility/reservations/${code}`)).body, /Checked out \(in [^,]+, out [^)]+\)/);
  });

  it('shows the no-show fee before charging it, then charges it', async () => {
    const code = await book('absent', 0, 2);
    const { total_price } = await row(code);
    const confirm = await get(`/facility/reservations/${code}/no-show`);
    assert.equal(confirm.statusCode, 200);
    assert.ok(confirm.body.includes(`${yen(total_price)} (100% of the stay)`));
    assert.equal((await row(code)).status, 'confirmed', 'showing the fee charges nothing');
    const marked = await post(`/facility/reservations/${code}/no-show`, {});
    assert.equal(marked.headers.location, `/facility/reservations/${code}?notice=no-show`);
    assert.deepEqual([(await row(code)).status, (await row(code)).no_show_fee], ['no_show', total_price]);
    assert.match((await get(marked.headers.location)).body, /No-show \([^;]+; fee charged/);
  });

  it('settles a card guarantee at the desk: a no-show is charged its fee, a check-out lets the hold go, each shown on the page', async () => {
    const { rows } = await sql<{ id: number }>`select rp.id from rate_plans rp join room_types rt on rt.id = rp.room_type_id where rt.hotel_id = ${hotelId} order by rt.id, rp.id limit 1`.execute(db.database.db);
    await sql`update rate_plans set guarantee_required = true where id = ${rows[0]!.id}`.execute(db.database.db);
    const context = testBookingContext(db.database.db);
    const guaranteed = async (label: string) => {
      const guest = { name: `客 ${label}`, nameLatin: `Guest ${label}`, email: `${label}@example.com`, phone: '090-1111-2222' };
      const guaranteeToken = context.payments.tokenise({ number: '4242424242424242', expiry: '12/39', cvc: '123' }).token;
      const request = { planId: rows[0]!.id, checkin: DAY, nights: 2, guests: 1, rooms: 1, guest, acceptTerms: true, guaranteeToken };
      return (await bookStay(context, request, { idempotencyKey: `desk-guarantee-${label}`, locale: 'en' })).reservation;
    };
    try {
      const absent = await guaranteed('card-absent');
      const payment = (body: string) => /data-testid="payment">([^<]*)</.exec(body)?.[1];
      assert.equal(payment((await get(`/facility/reservations/${absent.code}`)).body), `Card guarantee: VISA •••• 4242: ${yen(absent.totalPrice)} held`);
      await post(`/facility/reservations/${absent.code}/no-show`, {});
      assert.match(payment((await get(`/facility/reservations/${absent.code}`)).body) ?? '', new RegExp(`^Card guarantee: VISA •••• 4242: charged ${yen(absent.totalPrice)} \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d JST\\)$`));

      const stayed = await guaranteed('card-stayed');
      await post(`/facility/reservations/${stayed.code}/check-in`, {});
      await post(`/facility/reservations/${stayed.code}/check-out`, {});
      assert.match(payment((await get(`/facility/reservations/${stayed.code}`)).body) ?? '', /^Card guarantee: VISA •••• 4242: hold released, nothing charged \(/);
    } finally {
      await sql`update rate_plans set guarantee_required = false where id = ${rows[0]!.id}`.execute(db.database.db);
    }
  });

  it('filters the list by every status a stay can have, labelled, and refuses any other as a field error', async () => {
    const list = await get('/facility/reservations');
    const options = [...list.body.matchAll(/<option value="([a-z_]*)"[^>]*>([^<]+)<\/option>/g)].map((m) => `${m[1]}=${m[2]}`);
    assert.deepEqual(options, ['=Any', 'confirmed=Confirmed', 'checked_in=Checked in', 'checked_out=Checked out', 'no_show=No-show', 'cancelled=Cancelled']);
    const code = await book('filtered', 0);
    await post(`/facility/reservations/${code}/no-show`, {});
    for (const status of ['confirmed', 'checked_in', 'checked_out', 'no_show', 'cancelled']) {
      const found = await get(`/facility/reservations?status=${status}`);
      assert.equal(found.statusCode, 200, status);
      const shown = [...found.body.matchAll(/<td class="status-([a-z_]+)">/g)].map((m) => m[1]);
      assert.ok(shown.every((s) => s === status), `${status}: ${shown.join(', ')}`);
      if (status === 'no_show') assert.ok(found.body.includes(code));
    }
    const refused = await get('/facility/reservations?status=requested&name=Guest');
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Choose a status from the list/);
    assert.match(refused.body, /name="name" type="text" value="Guest"/);
  });

  it('refuses a post from another site or without the form token, and another hotel\'s reservation', async () => {
    const code = await book('guarded', 0);
    const crossSite = await post(`/facility/reservations/${code}/check-in`, {}, { ...FORM, origin: 'https://evil.example' });
    assert.equal(crossSite.statusCode, 403);
    const noToken = await post(`/facility/reservations/${code}/check-in`, {}, { 'content-type': FORM['content-type'] });
    assert.equal(noToken.statusCode, 403);
    assert.equal((await row(code)).status, 'confirmed');
    assert.equal((await post(`/facility/reservations/${code}/check-in`, {}, FORM, otherCookie)).statusCode, 404);
    assert.equal((await get(`/facility/reservations/${code}/no-show`, otherCookie)).statusCode, 404);
    assert.equal((await row(code)).status, 'confirmed');
  });
});
