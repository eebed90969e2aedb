import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { bookStay } from '@hatago/booking';
import { bookTable, type TableReservation } from '@hatago/dining';
import { addTestRestaurant, TEST_CLOCK, testDiningContext } from '@hatago/dining/testing';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { createTestDatabase, futureDate, staffSessionCookie, type TestDatabase, testAppDeps, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { yen } from '@hatago/web-kit';
import { buildOperatorApp } from './operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const EMAIL = 'diner@example.com';

describe('operator console: restaurant reservations', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let support: string;
  let admin: string;
  let stayCode: string;
  let n = 0;

  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const postCancel = (code: string, cookie: string, fields: Record<string, string>, requestId: string) =>
    app.inject({ method: 'POST', url: `/operator/reservations/${code}/cancel`, headers: { ...FORM, origin: 'http://localhost', cookie, 'x-request-id': requestId }, payload: new URLSearchParams(fields).toString() });
  const stateOf = async (code: string) =>
    (await sql<{ status: string; cancel_fee: number | null }>`select status, cancel_fee from table_reservations where code = ${code}`.execute(db.database.db)).rows[0]!;
  const auditsOf = (code: string) => listAudit(db.database.db, { targetType: 'reservation', targetId: code, action: 'reservation.cancel', page: 1, pageSize: 10 });

  /** A dinner for two (60,000 yen) whose frozen fee rule is in force whenever the test runs: 30% within a long window. */
  async function table(): Promise<TableReservation> {
    const { id, courseIds } = await addTestRestaurant(db.database.db);
    const guest = { name: '食事 太郎', email: EMAIL, phone: '090-1111-2222' };
    const { reservation } = await bookTable(testDiningContext(db.database.db), { restaurantId: id, courseId: courseIds[0]!, date: '2027-03-05', time: '18:00', party: 2, guest }, { idempotencyKey: `operator-table-${++n}`, clock: TEST_CLOCK });
    await sql`update table_reservations set cancel_fees = ${JSON.stringify([{ withinHours: 100000, percent: 30 }])}::jsonb where code = ${reservation.code}`.execute(db.database.db);
    return reservation;
  }

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
    support = await staffSessionCookie(app, '/operator', 'support');
    admin = await staffSessionCookie(app, '/operator', 'admin');
    const { rows } = await sql<{ id: number }>`select id from rate_plans order by id limit 1`.execute(db.database.db);
    const { reservation } = await bookStay(testBookingContext(db.database.db),
      { planId: rows[0]!.id, checkin: futureDate(20), nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { name: '食事 太郎', nameLatin: 'Taro Shokuji', email: EMAIL, phone: '090-1111-2222' } },
      { idempotencyKey: 'operator-table-stay' },
    );
    stayCode = reservation.code;
  });
  after(async () => {
    await app.close();
    await db.dispose();
  });

  it('finds a guest\u2019s restaurant reservations beside their hotel stays, by email or by RS code', async () => {
    const reservation = await table();
    const byEmail = await get(`/operator/reservations?email=${encodeURIComponent(EMAIL)}`, support);
    assert.equal(byEmail.statusCode, 200);
    assert.ok(byEmail.body.includes(stayCode));
    assert.ok(byEmail.body.includes(`/operator/reservations/${reservation.code}"`));
    assert.ok(byEmail.body.indexOf('Hotel stays') < byEmail.body.indexOf('Restaurant tables'));
    const byCode = await get(`/operator/reservations?code=${reservation.code.toLowerCase()}`, support);
    assert.ok(byCode.body.includes(reservation.code));
    assert.ok(!byCode.body.includes(stayCode));
    const page = await get(`/operator/reservations/${reservation.code}`, support);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Shiken-tei'));
    assert.match(page.body, /table-reservation-confirmation/);
    assert.equal((await get('/operator/reservations/RS0000000000', support)).statusCode, 404);
  });

  it('cancels with the course\u2019s fee rule, one audit entry with who and why; a support waiver is 403 and a missing reason 422, changing nothing', async () => {
    const reservation = await table();
    const fee = 18000;
    const form = await get(`/operator/reservations/${reservation.code}/cancel`, support);
    assert.ok(form.body.includes(yen(fee)));
    assert.doesNotMatch(form.body, /name="waiveFee"/);
    assert.equal((await postCancel(reservation.code, support, { reason: 'Please', waiveFee: 'yes' }, 'tbl-1')).statusCode, 403);
    const missing = await postCancel(reservation.code, support, { reason: ' ' }, 'tbl-2');
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Give the reason for cancelling/);
    assert.deepEqual(await stateOf(reservation.code), { status: 'confirmed', cancel_fee: null });
    assert.equal((await auditsOf(reservation.code)).length, 0);

    const done = await postCancel(reservation.code, support, { reason: 'Guest is ill' }, 'tbl-3');
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/operator/reservations/${reservation.code}?notice=cancelled`);
    assert.deepEqual(await stateOf(reservation.code), { status: 'cancelled', cancel_fee: fee });
    const again = await postCancel(reservation.code, support, { reason: 'Twice' }, 'tbl-4');
    assert.equal(again.headers.location, `/operator/reservations/${reservation.code}?notice=already-cancelled`);
    const audits = await auditsOf(reservation.code);
    assert.equal(audits.length, 1);
    assert.deepEqual([audits[0]!.actor.name, audits[0]!.requestId, audits[0]!.detail], ['Demo Support', 'tbl-3', { reason: 'Guest is ill', fee, waived: false, restaurantId: reservation.restaurantId }]);
    const page = await get(`/operator/reservations/${reservation.code}?notice=cancelled`, support);
    assert.ok(page.body.includes(`Fee charged: ${yen(fee)}`));
    assert.match(page.body, /table-reservation-cancellation/);
    assert.match(page.body, /<code>tbl-3<\/code>/);
    assert.match(page.body, /<tr class="by-staff"><td>[^<]+ JST<\/td><td>Demo Support <span class="muted">\(staff\)<\/span><\/td><td>Cancelled on the guest’s behalf<\/td>/, 'the timeline tells who cancelled');
    assert.match(page.body, /<tr class="by-guest"><td>[^<]+ JST<\/td><td>guest<\/td><td>Booked<\/td>/);
  });

  it('lets an admin waive the fee', async () => {
    const reservation = await table();
    assert.match((await get(`/operator/reservations/${reservation.code}/cancel`, admin)).body, /name="waiveFee"/);
    assert.equal((await postCancel(reservation.code, admin, { reason: 'Typhoon', waiveFee: 'yes' }, 'tbl-5')).statusCode, 303);
    assert.deepEqual(await stateOf(reservation.code), { status: 'cancelled', cancel_fee: 0 });
    assert.deepEqual((await auditsOf(reservation.code))[0]!.detail, { reason: 'Typhoon', fee: 0, waived: true, restaurantId: reservation.restaurantId });
  });
});
