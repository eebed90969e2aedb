import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createLogger } from '@hatago/platform/logging';
import { appUnderTest, futureDate, holdsSecret } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { formBody, hiddenFieldsOf } from './page-test-forms.ts';

const guest = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'taro@example.com', phone: '090-1111-2222' };
const CVC = '8147';
const card = (number: string) => ({ cardNumber: number, cardExpiry: '12/39', cardCvc: CVC });

describe('stay booking form: party, arrival, requests, consent and the card guarantee', () => {
  const logs: string[] = [];
  // every level, so a card that reached any log line would be found
  const ctx = appUnderTest((deps) => buildGuestApp({ ...deps, logger: createLogger('test', 'trace', { write: (line: string) => void logs.push(line) }) }));

  const post = (url: string, fields: Record<string, string>) => ctx.app.inject({ method: 'POST', url, ...formBody(fields) });
  const count = async () => (await sql<{ n: number }>`select count(*)::int as n from reservations`.execute(ctx.db.database.db)).rows[0]!.n;

  /** A plan of a twin room (2 guests) that takes a card guarantee, and its hotel's check-in time. */
  async function guaranteedPlan() {
    const { rows } = await sql<{ id: number; checkin_time: string }>`
      select rp.id, h.checkin_time from rate_plans rp join room_types rt on rt.id = rp.room_type_id join hotels h on h.id = rt.hotel_id
      where rt.capacity = 2 and rp.active order by rp.id limit 1`.execute(ctx.db.database.db);
    await sql`update rate_plans set guarantee_required = true where id = ${rows[0]!.id}`.execute(ctx.db.database.db);
    return rows[0]!;
  }

  const detailsOf = async (planId: number, checkin: string) => {
    const page = await ctx.app.inject(`/book?planId=${planId}&checkin=${checkin}&nights=1&guests=2&rooms=1&lang=en`);
    assert.equal(page.statusCode, 200);
    return page;
  };

  it('asks the party, an arrival from check-in, requests, the card and consent; refuses a party too big and no consent, keeping no card', async () => {
    const plan = await guaranteedPlan();
    const checkin = futureDate(20);
    const details = await detailsOf(plan.id, checkin);
    assert.match(details.body, /<select name="adults"/);
    assert.match(details.body, /<select name="children"/);
    assert.match(details.body, new RegExp(`<select name="arrivalTime"><option value="" selected>Not sure yet</option><option value="${plan.checkin_time.slice(0, 5)}">`));
    assert.match(details.body, /<option value="23:30">23:30<\/option><\/select>/);
    assert.match(details.body, /<textarea name="requests" maxlength="500">/);
    assert.match(details.body, /name="cardNumber"/);
    assert.match(details.body, /<input type="checkbox" name="acceptTerms" value="yes" required>/);

    const hidden = hiddenFieldsOf(details.body, '/book/confirm');
    const before = await count();
    const refused = await post('/book/confirm', { ...hidden, ...guest, ...card('4242424242424242'), adults: '2' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Accept the terms of use and the privacy policy to book/);
    assert.match(refused.body, /<input type="checkbox" name="acceptTerms" value="yes" required aria-invalid="true">/);
    assert.ok(!refused.body.includes('4242424242424242') && !holdsSecret(refused.body, CVC), 'the card is never written back');
    // children fill the room too: two adults and a child do not fit a twin
    const tooMany = await post('/book/confirm', { ...hidden, ...guest, ...card('4242424242424242'), adults: '2', children: '1', acceptTerms: 'yes' });
    assert.equal(tooMany.statusCode, 422);
    assert.match(tooMany.body, /This room holds 2 guests/);
    assert.equal(await count(), before);
  });

  it('books nothing on a declined card and holds a good one, showing the details on the confirmation', async () => {
    const plan = await guaranteedPlan();
    const checkin = futureDate(21);
    const hidden = hiddenFieldsOf((await detailsOf(plan.id, checkin)).body, '/book/confirm');
    const chosen = { ...hidden, ...guest, adults: '1', children: '1', arrivalTime: '20:00', requests: 'Late dinner, please', acceptTerms: 'yes' };

    const before = await count();
    const declinedConfirm = await post('/book/confirm', { ...chosen, ...card('4000000000000002') });
    assert.equal(declinedConfirm.statusCode, 200);
    const declined = await post('/book', hiddenFieldsOf(declinedConfirm.body, '/book', 'confirm-booking'));
    assert.equal(declined.statusCode, 422);
    assert.match(declined.body, /The card was declined; use another card/);
    assert.equal(await count(), before);

    const confirm = await post('/book/confirm', { ...chosen, ...card('4242 4242 4242 4242') });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /data-testid="payment">Guaranteed by VISA •••• 4242</);
    assert.match(confirm.body, /data-testid="party">1 adult, 1 child</);
    const fields = hiddenFieldsOf(confirm.body, '/book', 'confirm-booking');
    assert.equal(fields.cardNumber, undefined);
    assert.equal(fields.cardCvc, undefined);
    assert.match(fields.guaranteeToken!, /^tok_sandbox_/);

    const booked = await post('/book', fields);
    assert.equal(booked.statusCode, 303);
    const shown = await ctx.app.inject({ url: String(booked.headers.location), headers: { cookie: String(booked.headers['set-cookie']).split(';')[0]! } });
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /data-testid="party">1 adult, 1 child</);
    assert.match(shown.body, /data-testid="arrival-time">20:00</);
    assert.match(shown.body, /data-testid="requests">Late dinner, please</);
    assert.match(shown.body, /data-testid="payment">Guaranteed by VISA •••• 4242 \(¥[\d,]+ held on the card\)</);
    assert.equal(await count(), before + 1);
  });

  it('shows the guest where the guarantee stands on the look-up, in Japanese and English: held, then released or charged', async () => {
    const plan = await guaranteedPlan();
    const bookOne = async (checkin: string) => {
      const hidden = hiddenFieldsOf((await detailsOf(plan.id, checkin)).body, '/book/confirm');
      const confirm = await post('/book/confirm', { ...hidden, ...guest, adults: '1', acceptTerms: 'yes', ...card('4242424242424242') });
      const booked = await post('/book', hiddenFieldsOf(confirm.body, '/book', 'confirm-booking'));
      assert.equal(booked.statusCode, 303);
      return (await sql<{ code: string; total_price: number }>`select code, total_price from reservations order by id desc limit 1`.execute(ctx.db.database.db)).rows[0]!;
    };
    const lookUp = (code: string, lang: 'ja' | 'en') => post('/reservations/lookup', { code, email: guest.email, ...(lang === 'en' ? { lang } : {}) });
    const cancel = (code: string) => post(`/reservations/${code}/cancel`, { email: guest.email, confirm: 'yes', lang: 'en' });

    const early = await bookOne(futureDate(40));
    const held = early.total_price.toLocaleString('en-US');
    assert.match((await lookUp(early.code, 'ja')).body, new RegExp(`data-testid="payment">VISA •••• 4242で保証（${early.total_price.toLocaleString('ja-JP')}円を仮押さえ中）<`));
    assert.match((await lookUp(early.code, 'en')).body, new RegExp(`data-testid="payment">Guaranteed by VISA •••• 4242 \\(¥${held} held on the card\\)<`));
    assert.equal((await cancel(early.code)).statusCode, 200);
    assert.match((await lookUp(early.code, 'ja')).body, /data-testid="payment">VISA •••• 4242で保証（仮押さえは解除済み・ご請求なし）</);
    assert.match((await lookUp(early.code, 'en')).body, /data-testid="payment">Guaranteed by VISA •••• 4242 \(hold released, nothing charged\)</);

    // inside the plan's fee period (the day before arrival), cancelling charges its fee
    const late = await bookOne(futureDate(1));
    await sql`update reservations set free_cancel_days = 3, cancel_fee_percent = 40 where code = ${late.code}`.execute(ctx.db.database.db);
    assert.equal((await cancel(late.code)).statusCode, 200);
    const fee = Math.floor((late.total_price * 40) / 100);
    assert.match((await lookUp(late.code, 'en')).body, new RegExp(`data-testid="payment">Guaranteed by VISA •••• 4242 \\(¥${fee.toLocaleString('en-US')} charged\\)<`));
    assert.match((await lookUp(late.code, 'ja')).body, new RegExp(`（${fee.toLocaleString('ja-JP')}円をご請求済み）<`));
  });

  it('writes no card number or security code to the logs or the database', async () => {
    const { rows } = await sql<{ dump: string }>`
      select coalesce((select string_agg(r::text, ' ') from reservations r), '') || coalesce((select string_agg(m::text, ' ') from mail_messages m), '') as dump`.execute(
      ctx.db.database.db,
    );
    const everything = [rows[0]!.dump, ...logs].join('\n');
    assert.ok(logs.length > 0, 'the app logged');
    assert.match(rows[0]!.dump, /4242/, 'the last four are kept');
    for (const number of ['4242424242424242', '4242 4242 4242 4242', '4000000000000002']) assert.ok(!everything.includes(number), `no ${number}`);
    assert.ok(!holdsSecret(everything, CVC), 'no security code');
  });
});
