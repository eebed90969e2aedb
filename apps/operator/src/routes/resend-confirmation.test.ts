import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { bookStay, type Reservation } from '@hatago/booking';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { createTestDatabase, futureDate, staffSessionCookie, type TestDatabase, testAppDeps, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { buildOperatorApp } from '../operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };

describe('resending a booking confirmation from the operator console', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let planId: number;
  const cookies: Record<string, string> = {};
  let serial = 0;

  const book = async (email: string): Promise<Reservation> => {
    serial += 1;
    const guest = { name: '佐藤 一郎', nameLatin: 'Ichiro Sato', email, phone: '090-1234-5678' };
    const { reservation } = await bookStay(testBookingContext(db.database.db), { planId, checkin: futureDate(20), nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: `resend-test-${serial}`, locale: 'ja' });
    return reservation;
  };
  const resend = (code: string, role: string) => app.inject({ method: 'POST', url: `/operator/reservations/${code}/resend-confirmation`, headers: { ...FORM, cookie: cookies[role]! }, payload: '' });
  const confirmations = async (code: string) =>
    (await sql<{ template: string; recipient: string; locale: string }>`select template, recipient, locale from mail_messages where reference = ${code} and template = 'reservation-confirmation' order by id`.execute(db.database.db)).rows;
  const resends = (code: string) => listAudit(db.database.db, { targetType: 'reservation', targetId: code, action: 'reservation.confirmation.resend', page: 1, pageSize: 10 });

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

  it('lets support queue the confirmation again, to the guest in their language, audited and shown in the history', async () => {
    const reservation = await book('ichiro@example.com');
    const page = await app.inject({ method: 'GET', url: `/operator/reservations/${reservation.code}`, headers: { cookie: cookies.support! } });
    assert.match(page.body, /action="\/operator\/reservations\/HT\w+\/resend-confirmation"/);
    assert.match(page.body, /to ichiro@example.com, in Japanese/);

    const done = await resend(reservation.code, 'support');
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/operator/reservations/${reservation.code}?notice=resent`);
    assert.deepEqual(await confirmations(reservation.code), [
      { template: 'reservation-confirmation', recipient: 'ichiro@example.com', locale: 'ja' },
      { template: 'reservation-confirmation', recipient: 'ichiro@example.com', locale: 'ja' },
    ]);
    const audits = await resends(reservation.code);
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.actor.name, 'Demo Support');

    const after = await app.inject({ method: 'GET', url: String(done.headers.location), headers: { cookie: cookies.support! } });
    assert.match(after.body, /The booking confirmation is queued again to ichiro@example.com/);
    assert.match(after.body, /<td>Demo Support <span class="muted">\(staff\)<\/span><\/td><td>Resent the booking confirmation<\/td>/);
    assert.equal((after.body.match(/<a href="\/operator\/mail\/\d+">reservation-confirmation<\/a> to ichiro@example.com/g) ?? []).length, 2, 'both mails in the history');
  });

  it('refuses an editor with 403 and queues nothing', async () => {
    const reservation = await book('editor-case@example.com');
    const refused = await resend(reservation.code, 'editor');
    assert.equal(refused.statusCode, 403);
    assert.equal((await confirmations(reservation.code)).length, 1, 'only the booking\u2019s own confirmation');
    assert.equal((await resends(reservation.code)).length, 0);
  });

  it('sends one mail for a double submit, at once or one after the other', async () => {
    const reservation = await book('double@example.com');
    const [a, b] = await Promise.all([resend(reservation.code, 'support'), resend(reservation.code, 'support')]);
    assert.deepEqual([a.headers.location, b.headers.location].sort(), [`/operator/reservations/${reservation.code}?notice=resent`, `/operator/reservations/${reservation.code}?notice=resent-already`].sort());
    const again = await resend(reservation.code, 'admin');
    assert.equal(again.headers.location, `/operator/reservations/${reservation.code}?notice=resent-already`);
    assert.equal((await confirmations(reservation.code)).length, 2, 'the booking\u2019s and one resend');
    assert.equal((await resends(reservation.code)).length, 1);
  });

  it('resends nothing for a cancelled stay or a code that is no stay\u2019s', async () => {
    const reservation = await book('cancelled@example.com');
    await sql`update reservations set status = 'cancelled', cancelled_at = now(), cancelled_by = 'guest' where code = ${reservation.code}`.execute(db.database.db);
    const refused = await resend(reservation.code, 'support');
    assert.equal(refused.statusCode, 409);
    assert.equal((await confirmations(reservation.code)).length, 1);
    assert.doesNotMatch((await app.inject({ method: 'GET', url: `/operator/reservations/${reservation.code}`, headers: { cookie: cookies.support! } })).body, /resend-confirmation/);
    assert.equal((await resend('RS00000000', 'support')).statusCode, 404);
  });
});
