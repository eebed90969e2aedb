import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { bookStay, type Reservation } from '@hatago/booking';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { createTestDatabase, futureDate, staffSessionCookie, type TestDatabase, testAppDeps, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { yen } from '@hatago/web-kit';
import { buildOperatorApp } from '../operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };

describe('changing a stay on the guest\'s behalf from the operator console', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let planId: number;
  const cookies: Record<string, string> = {};
  let serial = 0;

  const book = async (): Promise<Reservation> => {
    serial += 1;
    const guest = { name: '佐藤 一郎', nameLatin: 'Ichiro Sato', email: 'ichiro@example.com', phone: '090-1234-5678' };
    return (await bookStay(testBookingContext(db.database.db), { planId, checkin: futureDate(20), nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: `operator-modify-${serial}`, locale: 'ja' })).reservation;
  };
  const post = (url: string, fields: Record<string, string>, role = 'support', headers: Record<string, string> = FORM) =>
    app.inject({ method: 'POST', url, headers: { ...headers, cookie: cookies[role]! }, payload: new URLSearchParams(fields).toString() });
  const get = (url: string, role = 'support') => app.inject({ method: 'GET', url, headers: { cookie: cookies[role]! } });
  const nightsOf = async (code: string) => (await sql<{ nights: number }>`select nights from reservations where code = ${code}`.execute(db.database.db)).rows[0]!.nights;

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    planId = (await sql<{ id: number }>`select id from rate_plans order by id limit 1`.execute(db.database.db)).rows[0]!.id;
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
    for (const role of ['support', 'editor', 'admin']) cookies[role] = await staffSessionCookie(app, '/operator', role);
  });
  after(async () => {
    await app.close();
    await db.dispose();
  });

  it('previews, confirms, mails the guest in their language and shows the change in the history', async () => {
    const r = await book();
    const page = await get(`/operator/reservations/${r.code}`);
    assert.match(page.body, /href="\/operator\/reservations\/HT\w+\/modify">Change the stay/);
    const form = await get(`/operator/reservations/${r.code}/modify`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<form class="inline" method="post" action="\/operator\/reservations\/HT\w+\/modify\/preview"><input type="hidden" name="_csrf"/);

    const fields = { planId: String(planId), checkin: r.checkin, nights: '2', guests: '1', rooms: '1', version: '1' };
    const preview = await post(`/operator/reservations/${r.code}/modify/preview`, fields);
    assert.equal(preview.statusCode, 200);
    const newTotal = Number(/name="expectedTotal" value="(\d+)"/.exec(preview.body)![1]);
    assert.ok(preview.body.includes(`<td>${yen(r.totalPrice)}</td><td>${yen(newTotal)}</td>`));

    const done = await post(`/operator/reservations/${r.code}/modify`, { ...fields, expectedTotal: String(newTotal) });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/operator/reservations/${r.code}?notice=modified`);
    assert.equal(await nightsOf(r.code), 2);
    const { rows } = await sql<{ locale: string }>`select locale from mail_messages where reference = ${r.code} and template = 'reservation-modification'`.execute(db.database.db);
    assert.deepEqual(rows, [{ locale: 'ja' }]);
    const after = await get(String(done.headers.location));
    assert.match(after.body, /Changed. The guest is mailed what changed/);
    assert.match(after.body, /Changed the stay/);
    assert.match(after.body, /reservation-modification<\/a> to ichiro@example.com/);
  });

  it('shows field errors and refusals in the form, changing nothing', async () => {
    const r = await book();
    const bad = await post(`/operator/reservations/${r.code}/modify/preview`, { checkin: 'soon', nights: '30', guests: '1', rooms: '1', version: '1' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /value="soon"[^>]*aria-invalid="true"><span class="error-text">Enter a check-in date/);
    assert.match(bad.body, /Nights must be between 1 and 14/);
    const stale = await post(`/operator/reservations/${r.code}/modify`, { checkin: r.checkin, nights: '2', guests: '1', rooms: '1', version: '5' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /role="alert">[^<]*changed by somebody else/);
    assert.equal(await nightsOf(r.code), 1);
  });

  it('refuses an editor, a post from another site, and a table\'s code', async () => {
    const r = await book();
    const fields = { checkin: r.checkin, nights: '2', guests: '1', rooms: '1', version: '1' };
    assert.equal((await post(`/operator/reservations/${r.code}/modify`, fields, 'editor')).statusCode, 403);
    assert.equal((await post(`/operator/reservations/${r.code}/modify`, fields, 'support', { ...FORM, origin: 'https://evil.example' })).statusCode, 403);
    assert.equal(await nightsOf(r.code), 1);
    assert.equal((await get('/operator/reservations/RS00000000/modify')).statusCode, 404);
  });
});
