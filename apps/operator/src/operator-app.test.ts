import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { bookStay, type Reservation } from '@hatago/booking';
import { platformTemplates } from '@hatago/runtime';
import type { HttpApp } from '@hatago/platform/http';
import { createTestDatabase, futureDate, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets, testBookingContext } from '@hatago/test-support';
import { yen } from '@hatago/web-kit';
import { buildOperatorApp } from './operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Who, what and the detail's first word of a history row. */
const summary = (row: string[]) => `${row[1]}: ${row[2]} ${row[3]!.split(' ')[0]}`.trim();

/** The history table's rows as text: when, who, what, detail. */
const timelineOf = (body: string) => {
  const table = /<table class="timeline"[^]*?<tbody>([^]*?)<\/tbody>/.exec(body)?.[1] ?? '';
  const text = (cell: string) => cell.replace(/<\/li>/g, ' ').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').replace(/&#39;/g, "'").trim();
  return [...table.matchAll(/<tr[^>]*>([^]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td>([^]*?)<\/td>/g)].map((cell) => text(cell[1]!)));
};

describe('operator console', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let support: string;
  let admin: string;
  let planId: number;
  let serial = 0;

  const login = (name: string) => staffSessionCookie(app, '/operator', name);

  const book = async (guest: { name: string; nameLatin: string; email: string }, checkinInDays: number, nights = 2): Promise<Reservation> => {
    serial += 1;
    const { reservation } = await bookStay(testBookingContext(db.database.db),
      { planId, checkin: futureDate(checkinInDays), nights, guests: 1, rooms: 1, acceptTerms: true, guest: { ...guest, phone: '090-1234-5678' } },
      { idempotencyKey: `operator-app-test-${serial}` },
    );
    // a fixed policy keeps the expected fee independent of the seeded plans
    await sql`update reservations set free_cancel_days = 3, cancel_fee_percent = 50 where code = ${reservation.code}`.execute(db.database.db);
    return { ...reservation, cancellationPolicy: { freeCancelDays: 3, feePercent: 50 } };
  };

  const get = (url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const postCancel = (code: string, cookie: string | undefined, fields: Record<string, string>, requestId?: string) =>
    app.inject({
      method: 'POST',
      url: `/operator/reservations/${code}/cancel`,
      headers: { ...FORM, origin: 'http://localhost', ...(cookie ? { cookie } : {}), ...(requestId ? { 'x-request-id': requestId } : {}) },
      payload: new URLSearchParams(fields).toString(),
    });
  const stateOf = async (code: string) =>
    (await sql<{ status: string; cancel_fee: number | null }>`select status, cancel_fee from reservations where code = ${code}`.execute(db.database.db))
      .rows[0]!;
  const auditsOf = (code: string, action: string) =>
    listAudit(db.database.db, { targetType: 'reservation', targetId: code, action, page: 1, pageSize: 50 });

  let tom: Reservation;
  let hanako: Reservation;

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    const { rows } = await sql<{ id: number }>`select id from rate_plans order by id limit 1`.execute(db.database.db);
    planId = rows[0]!.id;
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
    support = await login('support');
    admin = await login('admin');
    tom = await book({ name: `Tom & "Jerry" O'Neil`, nameLatin: "Tom O'Neil", email: 'Tom.Oneil@example.com' }, 1);
    hanako = await book({ name: '山田 花子', nameLatin: 'Hanako Yamada', email: 'hanako@example.com' }, 30);
  });
  after(async () => {
    await app.close();
    await db.dispose();
  });

  it('sends signed-out visitors to the login page and refuses their writes', async () => {
    const page = await get('/operator/reservations?name=x');
    assert.equal(page.statusCode, 302);
    assert.equal(page.headers.location, `/operator/login?next=${encodeURIComponent('/operator/reservations?name=x')}`);
    const write = await postCancel(hanako.code, undefined, { reason: 'no session' });
    assert.equal(write.statusCode, 401);
    assert.equal((await stateOf(hanako.code)).status, 'confirmed');
  });

  it('records operator sign-ins in the audit log', async () => {
    const signIns = await listAudit(db.database.db, { action: 'session.sign_in', page: 1, pageSize: 10 });
    assert.deepEqual(signIns.map((e) => e.actor.name).sort(), ['Demo Admin', 'Demo Support']);
  });

  it('finds reservations by code, email, either script of the name, check-in range and status', async () => {
    const codesFound = async (query: string) => {
      const response = await get(`/operator/reservations?${query}`, support);
      assert.equal(response.statusCode, 200, query);
      assert.equal(response.headers['cache-control'], 'private, no-store');
      return [tom.code, hanako.code].filter((code) => response.body.includes(`>${code}</a>`));
    };
    const spaced = `${hanako.code.slice(0, 6).toLowerCase()}-${hanako.code.slice(6)}`;
    assert.deepEqual(await codesFound(`code=${spaced}`), [hanako.code]);
    assert.deepEqual(await codesFound('email=TOM.ONEIL%40EXAMPLE.COM'), [tom.code]);
    assert.deepEqual(await codesFound(`name=${encodeURIComponent('山田')}`), [hanako.code]);
    assert.deepEqual(await codesFound('name=yamad'), [hanako.code]);
    assert.deepEqual(await codesFound(`from=${futureDate(25)}&to=${futureDate(32)}`), [hanako.code]);
    assert.deepEqual(await codesFound(`to=${futureDate(2)}&name=o%27neil`), [tom.code]);
    assert.deepEqual(await codesFound('name=yamada&status=cancelled'), []);
    const searches = await listAudit(db.database.db, { action: 'reservation.search', page: 1, pageSize: 1 });
    assert.deepEqual(searches[0]!.detail!.criteria, { name: 'yamada', status: 'cancelled' });
  });

  it('pages search results 20 at a time, keeping the filter in the links', async () => {
    for (let i = 0; i < 21; i++) {
      await book({ name: `Pager ${i}`, nameLatin: "Pat Pager", email: `pager${i}@example.com` }, 35 + i, 1);
    }
    const response = await get('/operator/reservations?name=pager', support);
    const rows = (body: string) => (body.match(/href="\/operator\/reservations\/HT/g) ?? []).length;
    assert.equal(rows(response.body), 20);
    assert.match(response.body, /href="\/operator\/reservations\?name=pager&amp;page=2"/);
    const second = await get('/operator/reservations?name=pager&page=2', support);
    assert.equal(rows(second.body), 1);
    assert.match(second.body, /Page 2 of 2 · 21 in all/);
  });

  it('shows bad filters as field errors, not a server error', async () => {
    const cases: Array<[string, string]> = [
      ['from=2026-02-30', 'Enter a date as YYYY-MM-DD'],
      ['to=tomorrow', 'Enter a date as YYYY-MM-DD'],
      [`from=${futureDate(10)}&to=${futureDate(5)}`, 'Must not be before'],
      ['status=deleted', 'Choose a status from the list'],
      ['page=0', 'Choose a page from 1'],
      ['name=a&name=b', 'Give one value'],
      [`name=${'x'.repeat(101)}`, 'Use at most 100 characters'],
      ['from=0000-01-01', 'Enter a date as YYYY-MM-DD'],
      ['email=a%00b', 'Remove the control character'],
      ['code=HT%00', 'Remove the control character'],
    ];
    for (const [query, message] of cases) {
      const response = await get(`/operator/reservations?${query}`, support);
      assert.equal(response.statusCode, 422, query);
      assert.ok(response.body.includes(message), `${query} shows "${message}"`);
      assert.doesNotMatch(response.body, /<tbody>/, 'no results beside errors');
    }
    const kept = await get('/operator/reservations?from=2026-02-30&name=Tom', support);
    assert.match(kept.body, /name="name" type="text" value="Tom"/);
    assert.match(kept.body, /class="field-error">Check-in or table date from/);
  });

  it('opens a reservation with the guest, stay, price, policy, mails and its history', async () => {
    const response = await get(`/operator/reservations/${hanako.code}`, support);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'private, no-store');
    for (const text of [
      '山田 花子',
      'Hanako Yamada',
      'hanako@example.com',
      '090-1234-5678',
      hanako.hotelName,
      hanako.planName,
      `${hanako.checkin} → ${hanako.checkout}`,
      yen(hanako.totalPrice),
      'then 50% of the total',
      'Fee if cancelled today',
      'Opened by staff',
    ]) {
      assert.ok(response.body.includes(text), `shows ${text}`);
    }
    const history = timelineOf(response.body);
    assert.deepEqual(history.map(summary), ['system: Mail queued facility-new-reservation', 'system: Mail queued reservation-confirmation', 'guest: Booked'], 'newest first, the mails after the booking');
    assert.ok(history.some((row) => row[3] === 'reservation-confirmation to hanako@example.com · queued'));
    assert.match(response.body, /<a href="\/operator\/mail\/\d+">reservation-confirmation<\/a> to hanako@example.com/);
    assert.equal((await auditsOf(hanako.code, 'reservation.view')).length >= 1, true);
  });

  it('answers an unknown reservation with a friendly 404 page', async () => {
    const response = await get('/operator/reservations/HT0000000000', support);
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /Request ID: <code>/);
  });

  it('cancels on the guest\'s behalf with the policy fee and one audit entry carrying the request id', async () => {
    const form = await get(`/operator/reservations/${tom.code}/cancel`, support);
    const fee = Math.floor(tom.totalPrice / 2);
    assert.ok(form.body.includes(yen(fee)), 'shows the fee the policy gives today');
    assert.doesNotMatch(form.body, /name="waiveFee"/, 'support is not offered a waiver');

    const done = await postCancel(tom.code, support, { reason: 'Guest is ill' }, 'op-cancel-test-1');
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/operator/reservations/${tom.code}?notice=cancelled`);
    assert.deepEqual(await stateOf(tom.code), { status: 'cancelled', cancel_fee: fee });

    const again = await postCancel(tom.code, support, { reason: 'Clicked twice' }, 'op-cancel-test-2');
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, `/operator/reservations/${tom.code}?notice=already-cancelled`);

    const audits = await auditsOf(tom.code, 'reservation.cancel');
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.requestId, 'op-cancel-test-1');
    assert.deepEqual(audits[0]!.actor, { kind: 'operator', id: audits[0]!.actor.id, name: 'Demo Support' });
    assert.deepEqual(audits[0]!.detail, { reason: 'Guest is ill', fee, waived: false });

    const page = await get(`/operator/reservations/${tom.code}?notice=cancelled`, support);
    assert.ok(page.body.includes(`Fee charged: ${yen(fee)}`));
    assert.match(page.body, /<a href="\/operator\/mail\/\d+">reservation-cancellation<\/a> to tom.oneil@example.com/i);
    assert.match(page.body, /<code>op-cancel-test-1<\/code>/);
    const history = timelineOf(page.body);
    assert.deepEqual(history.map(summary), [
      'system: Mail queued facility-cancellation',
      'system: Mail queued reservation-cancellation',
      'Demo Support (staff): Cancelled on the guest’s behalf fee:',
      'system: Mail queued facility-new-reservation',
      'system: Mail queued reservation-confirmation',
      'guest: Booked',
    ]);
    for (const part of ['reason: Guest is ill', `fee: ${yen(fee)}`, 'waived: no', 'Request ID: op-cancel-test-1']) assert.ok(history[2]![3]!.includes(part), `the staff row says ${part}`);
    assert.match(history[2]![0]!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} JST$/, 'in Tokyo time');
  });

  it('re-renders the cancel form when the reason is missing, and changes nothing', async () => {
    const response = await postCancel(hanako.code, support, { reason: '   ' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Give the reason for cancelling/);
    assert.deepEqual(await stateOf(hanako.code), { status: 'confirmed', cancel_fee: null });
    assert.equal((await auditsOf(hanako.code, 'reservation.cancel')).length, 0);
  });

  it('refuses a fee waiver from support with 403 and changes nothing', async () => {
    const late = await book({ name: 'Late Guest', nameLatin: 'Late Guest', email: 'late@example.com' }, 1);
    const response = await postCancel(late.code, support, { reason: 'Please waive', waiveFee: 'yes' });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /The support role may not do this \(reservations.waive_fee\)/);
    assert.deepEqual(await stateOf(late.code), { status: 'confirmed', cancel_fee: null });
    assert.equal((await auditsOf(late.code, 'reservation.cancel')).length, 0);

    const form = await get(`/operator/reservations/${late.code}/cancel`, admin);
    assert.match(form.body, /name="waiveFee"/);
    const waived = await postCancel(late.code, admin, { reason: 'Typhoon closed the airport', waiveFee: 'yes' }, 'op-waive-1');
    assert.equal(waived.statusCode, 303);
    assert.deepEqual(await stateOf(late.code), { status: 'cancelled', cancel_fee: 0 });
    const audits = await auditsOf(late.code, 'reservation.cancel');
    assert.equal(audits.length, 1);
    assert.deepEqual(audits[0]!.detail, { reason: 'Typhoon closed the airport', fee: 0, waived: true });
    assert.equal(audits[0]!.actor.name, 'Demo Admin');
    assert.equal(audits[0]!.requestId, 'op-waive-1');
  });

  it('shows the audit log to admins only, newest first, filtered by action and target', async () => {
    const refused = await get('/operator/audit', support);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Request ID: <code>/);

    const all = await get('/operator/audit', admin);
    assert.equal(all.statusCode, 200);
    assert.equal(all.headers['cache-control'], 'private, no-store');
    const first = all.body.indexOf('<td>reservation.cancel</td>');
    const signIn = all.body.indexOf('<td>session.sign_in</td>');
    assert.ok(first > 0 && (signIn === -1 || first < signIn), 'newest first');

    const filtered = await get(`/operator/audit?action=reservation.cancel&target=${tom.code}`, admin);
    assert.equal((filtered.body.match(/<td>reservation\.cancel<\/td>/g) ?? []).length, 1);
    assert.doesNotMatch(filtered.body, /<td>reservation\.view<\/td>/);
    assert.match(filtered.body, /op-cancel-test-1/);

    const bad = await get('/operator/audit?action=DROP%20TABLE', admin);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Use a dotted action/);
  });

  it('escapes guest data everywhere it is shown', async () => {
    const search = await get(`/operator/reservations?code=${tom.code}`, support);
    assert.ok(search.body.includes('Tom &amp; &quot;Jerry&quot; O&#39;Neil'));
    assert.ok(!search.body.includes('Tom & "Jerry"'));

    // data written before today's validation rules, or by another system, may hold markup
    await sql`update reservations set guest_name = '<b>bold</b> & co' where code = ${hanako.code}`.execute(db.database.db);
    const detail = await get(`/operator/reservations/${hanako.code}`, admin);
    assert.ok(detail.body.includes('&lt;b&gt;bold&lt;/b&gt; &amp; co'));
    assert.ok(!detail.body.includes('<b>bold</b>'));
  });
});
