import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { bookStay } from '@hatago/booking';
import { futureDate, testBookingContext } from '@hatago/test-support';
import { againstEveryApp, type AppsUnderAttack, FORM, form, SAME_SITE, signIn } from './support/apps-under-attack.ts';

/**
 * Finding 7 of issue 16: sign-up told whether an email was registered (409 against a
 * session), although log-in and password reset do not; and nobody proved the address.
 */
againstEveryApp('finding 7: sign-up neither tells who is a member nor trusts an unproven address', (apps) => {
  const signUp = (email: string) =>
    apps().guest.inject({
      method: 'POST',
      url: '/signup',
      headers: { ...FORM, ...SAME_SITE },
      payload: form({ name: '試験 太郎', nameLatin: 'Taro Shiken', email, phone: '080-1111-2222', password: 'a long enough password', lang: 'en' }),
    });
  const mailsTo = async ({ db }: AppsUnderAttack, email: string) =>
    (await sql<{ template: string; params: unknown }>`select template, params from mail_messages where recipient = ${email} order by id`.execute(db.database.db)).rows;
  const bookAs = async ({ db }: AppsUnderAttack, memberId: number, key: string) => {
    const plan = await db.database.db.selectFrom('rate_plans').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const guest = { name: '試験 太郎', nameLatin: 'Taro Shiken', email: 'new.finding7@example.com', phone: '080-1111-2222' };
    const { reservation } = await bookStay(testBookingContext(db.database.db), { planId: plan.id, checkin: futureDate(30), nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true }, { idempotencyKey: key, memberId });
    return reservation.memberId;
  };

  it('answers a registered address exactly as a new one, with no session either way', async () => {
    const fresh = await signUp('new.finding7@example.com');
    const registered = await signUp('member@example.com');
    assert.equal(registered.statusCode, fresh.statusCode);
    assert.equal(fresh.statusCode, 200);
    assert.equal(registered.body, fresh.body);
    assert.equal(fresh.headers['set-cookie'], undefined);
    assert.equal(registered.headers['set-cookie'], undefined);
  });

  it('tells only the owner of the address, by mail', async () => {
    assert.deepEqual((await mailsTo(apps(), 'member@example.com')).map((m) => m.template), ['sign-up-attempted']);
    assert.deepEqual((await mailsTo(apps(), 'new.finding7@example.com')).map((m) => m.template), ['member-verify-email']);
  });

  it('lets an unverified member sign in, telling them a booking will not be theirs yet', async () => {
    const session = await signIn(apps().guest, '/login', { email: 'new.finding7@example.com', password: 'a long enough password' });
    const plan = await apps().db.database.db.selectFrom('rate_plans').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const details = await apps().guest.inject({ url: `/book?planId=${plan.id}&checkin=${futureDate(30)}&nights=1&guests=1&rooms=1`, headers: { cookie: session } });
    assert.equal(details.statusCode, 200);
    assert.match(details.body, /data-testid="verify-to-book-as-member"/);
  });

  it('lets the new member hold reservations only after following the mailed link', async () => {
    const member = await apps().db.database.db.selectFrom('members').select('id').where('email', '=', 'new.finding7@example.com').executeTakeFirstOrThrow();
    assert.equal(await bookAs(apps(), Number(member.id), 'security-finding-7-before'), null, 'an unverified member books as a guest');

    const [mail] = await mailsTo(apps(), 'new.finding7@example.com');
    const params = typeof mail!.params === 'string' ? JSON.parse(mail!.params) : mail!.params;
    const link = new URL(params.verifyUrl);
    assert.equal((await apps().guest.inject(`${link.pathname}${link.search}`)).statusCode, 200);
    assert.equal(await bookAs(apps(), Number(member.id), 'security-finding-7-after'), Number(member.id));
  });
});
