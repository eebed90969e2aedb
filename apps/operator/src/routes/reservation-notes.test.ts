import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { bookStay } from '@hatago/booking';
import { bookTable } from '@hatago/dining';
import { addTestRestaurant, TEST_CLOCK, testDiningContext } from '@hatago/dining/testing';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { createTestDatabase, futureDate, staffSessionCookie, type TestDatabase, testAppDeps, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { buildOperatorApp } from '../operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
const guest = { name: 'Mia Note', nameLatin: 'Mia Note', email: 'mia@example.com', phone: '090-7777-8888' };

describe('internal notes on a reservation', () => {
  let db: TestDatabase;
  let app: HttpApp;
  const cookies: Record<string, string> = {};
  let stay: string;
  let table: string;

  const post = (code: string, role: string, note: string) =>
    app.inject({ method: 'POST', url: `/operator/reservations/${code}/notes`, headers: { ...FORM, cookie: cookies[role]! }, payload: new URLSearchParams({ note }).toString() });
  const page = async (code: string) => (await app.inject({ method: 'GET', url: `/operator/reservations/${code}`, headers: { cookie: cookies.support! } })).body;
  const notes = async (code: string) => (await listAudit(db.database.db, { targetType: 'reservation', targetId: code, action: 'reservation.note', page: 1, pageSize: 10 })).map((e) => `${e.actor.name}: ${String(e.detail?.note)}`);

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
    for (const role of ['support', 'editor', 'admin']) cookies[role] = await staffSessionCookie(app, '/operator', role);
    const planId = (await sql<{ id: number }>`select id from rate_plans order by id limit 1`.execute(db.database.db)).rows[0]!.id;
    stay = (await bookStay(testBookingContext(db.database.db), { planId, checkin: futureDate(10), nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: 'notes-stay-1' })).reservation.code;
    const { id, courseIds } = await addTestRestaurant(db.database.db);
    table = (await bookTable(testDiningContext(db.database.db), { restaurantId: id, courseId: courseIds[0]!, date: '2027-03-05', time: '18:00', party: 2, guest }, { idempotencyKey: 'notes-table-1', clock: TEST_CLOCK })).reservation.code;
  });
  after(async () => {
    await app.close();
    await db.dispose();
  });

  it('appends a note from support to a stay, audited with its author, shown whole and escaped in the history', async () => {
    const done = await post(stay, 'support', '  Guest asked for a quiet room <b>away</b> from the lift.\nCalled back at 15:00.  ');
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/operator/reservations/${stay}?notice=noted`);
    assert.equal((await post(stay, 'admin', 'Upgrade approved')).statusCode, 303);
    assert.deepEqual(await notes(stay), ['Demo Admin: Upgrade approved', 'Demo Support: Guest asked for a quiet room <b>away</b> from the lift.\nCalled back at 15:00.']);
    const body = await page(stay);
    assert.match(body, /<td>Demo Support <span class="muted">\(staff\)<\/span><\/td><td>Note<\/td><td><p class="note">Guest asked for a quiet room &lt;b&gt;away&lt;\/b&gt; from the lift\.\nCalled back at 15:00\.<\/p><\/td>/);
    assert.ok(body.indexOf('Upgrade approved') < body.indexOf('quiet room'), 'newest first');
  });

  it('takes notes on a table too', async () => {
    assert.equal((await post(table.toLowerCase(), 'support', 'Allergic to sesame, confirmed by phone')).statusCode, 303);
    assert.deepEqual(await notes(table), ['Demo Support: Allergic to sesame, confirmed by phone']);
    assert.match(await page(table), /<p class="note">Allergic to sesame, confirmed by phone<\/p>/);
  });

  it('refuses an empty note with the form again and an editor with 403, writing nothing', async () => {
    const empty = await post(stay, 'support', '   ');
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Write the note/);
    assert.match(empty.body, /id="note"/);
    const refused = await post(table, 'editor', 'An editor should not');
    assert.equal(refused.statusCode, 403);
    assert.equal((await notes(table)).length, 1);
    assert.equal((await notes(stay)).length, 2);
    assert.equal((await post('HT00000000', 'support', 'nobody')).statusCode, 404);
  });
});
