import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { bookStay, checkIn, checkOut, markNoShow } from '@hatago/booking';
import { appUnderTest, futureDate, testBookingContext } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { formBody, hiddenFieldsOf, hrefsOf } from './page-test-forms.ts';

const guest = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'taro@example.com', phone: '090-1111-2222' };

describe('booking, look-up and cancellation pages', () => {
  const ctx = appUnderTest(buildGuestApp);

  const reservations = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from reservations`.execute(ctx.db.database.db)).rows[0]!.n;
  const reserved = async (planId: number, date: string) =>
    (
      await sql<{ reserved: number }>`
        select ri.reserved from room_inventory ri join rate_plans rp on rp.room_type_id = ri.room_type_id
        where rp.id = ${planId} and ri.stay_date = ${date}::date`.execute(ctx.db.database.db)
    ).rows[0]!.reserved;
  const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url, ...formBody(fields), headers: { ...formBody(fields).headers, ...headers } });

  /** Hotel page → plan → details → confirm page, as a browser would; returns the confirm form. */
  async function reachConfirmPage(hotelId: number, checkin: string, details: Record<string, string> = guest) {
    const hotel = await ctx.app.inject(`/hotels/${hotelId}?checkin=${checkin}&nights=2&guests=2&rooms=1`);
    const [bookHref] = hrefsOf(hotel.body, 'book-plan');
    assert.ok(bookHref, 'the hotel page offers a plan');
    const detailsPage = await ctx.app.inject(bookHref);
    assert.equal(detailsPage.statusCode, 200);
    assert.equal(detailsPage.headers['cache-control'], 'private, no-store');
    const confirm = await post('/book/confirm', { ...hiddenFieldsOf(detailsPage.body, '/book/confirm'), acceptTerms: 'yes', ...details });
    return { confirm, planId: Number(new URL(bookHref, 'http://x').searchParams.get('planId')) };
  }

  it('books through the forms, and a double submit makes one reservation', async () => {
    const checkin = futureDate(12);
    const { confirm, planId } = await reachConfirmPage(1, checkin);
    assert.equal(confirm.statusCode, 200);
    assert.equal(confirm.headers['cache-control'], 'private, no-store');
    assert.match(confirm.body, /data-testid="confirm-booking"/);
    assert.match(confirm.body, /data-testid="booking-total">¥[\d,]+</);
    assert.match(confirm.body, /チェックイン\d+日前までキャンセル無料/);
    assert.ok(confirm.body.includes('Taro Yamada'));
    const fields = hiddenFieldsOf(confirm.body, '/book', 'confirm-booking');
    assert.match(fields.idempotencyKey!, /^[\w-]{16,}$/);

    const countBefore = await reservations();
    const reservedBefore = await reserved(planId, checkin);
    const first = await post('/book', fields);
    const second = await post('/book', fields);
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal(second.headers.location, first.headers.location);
    assert.equal((await reservations()) - countBefore, 1);
    assert.equal(await reserved(planId, checkin), reservedBefore + 1);

    const location = String(first.headers.location);
    const code = /^\/reservations\/(HT[0-9A-Z]{10})\/confirmation$/.exec(location)?.[1];
    assert.ok(code, location);
    const setCookie = String(first.headers['set-cookie']);
    assert.match(setCookie, new RegExp(`Path=/reservations/${code}/confirmation(;|$)`), 'the proof reaches only its own confirmation page');
    assert.match(setCookie, /HttpOnly/);
    const page = await ctx.app.inject({ url: location, headers: { cookie: setCookie.split(';')[0]! } });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.match(page.body, new RegExp(`data-testid="reservation-code">${code}<`));
    assert.ok(page.body.includes('山田 太郎'));

    const stranger = await ctx.app.inject(location);
    assert.equal(stranger.statusCode, 303, 'without the booking cookie the page asks for the email');
    assert.equal(stranger.headers.location, `/reservations/lookup?code=${code}`);
    assert.ok(!stranger.body.includes('山田'));
  });

  it('re-renders the details form with field errors, and escapes what was typed', async () => {
    const checkin = futureDate(13);
    const countBefore = await reservations();
    const { confirm } = await reachConfirmPage(3, checkin, {
      name: '<script>alert(1)</script>',
      nameLatin: '山田',
      email: 'nope',
      phone: '1',
    });
    assert.equal(confirm.statusCode, 422);
    assert.ok(!confirm.body.includes('<script>alert'), 'the raw script tag never reaches the page');
    assert.ok(confirm.body.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"'));
    assert.ok(confirm.body.includes('お名前に使用できない文字が含まれています'));
    assert.ok(confirm.body.includes('正しいメールアドレスを入力してください'));
    assert.doesNotMatch(confirm.body, /data-testid="confirm-booking"/);

    // a hand-made post straight to /book is validated just the same
    const hotel = await ctx.app.inject(`/hotels/3?checkin=${checkin}&nights=2&guests=2&rooms=1&lang=en`);
    const planId = new URL(hrefsOf(hotel.body, 'book-plan')[0]!, 'http://x').searchParams.get('planId')!;
    const direct = await post('/book', {
      planId,
      checkin,
      nights: '2',
      guests: '2',
      rooms: '1',
      acceptTerms: 'yes',
      ...guest,
      name: '"><script>alert(2)</script>',
      idempotencyKey: 'xss-attempt-0001',
      lang: 'en',
    });
    assert.equal(direct.statusCode, 422);
    assert.ok(!direct.body.includes('<script>alert'));
    assert.ok(direct.body.includes('Name contains characters that are not allowed'));
    assert.equal(await reservations(), countBefore);
  });

  it('shows a price that changed after the confirm page again instead of charging it', async () => {
    const checkin = futureDate(16);
    const { confirm, planId } = await reachConfirmPage(2, checkin);
    const fields = hiddenFieldsOf(confirm.body, '/book', 'confirm-booking');
    await sql`update plan_prices set price = price + 1000 where plan_id = ${planId} and stay_date = ${checkin}::date`.execute(ctx.db.database.db);
    const countBefore = await reservations();

    const changed = await post('/book', fields);
    assert.equal(changed.statusCode, 409);
    assert.equal(changed.headers['cache-control'], 'private, no-store');
    assert.match(changed.body, /role="alert"/);
    assert.equal(await reservations(), countBefore, 'nothing booked at a price the guest did not see');
    const newFields = hiddenFieldsOf(changed.body, '/book', 'confirm-booking');
    assert.equal(Number(newFields.expectedTotal), Number(fields.expectedTotal) + 1000);

    const booked = await post('/book', newFields);
    assert.equal(booked.statusCode, 303);
    assert.equal(await reservations(), countBefore + 1);
  });

  it('explains a sell-out with a link back to the hotel', async () => {
    const checkin = futureDate(14);
    const { confirm, planId } = await reachConfirmPage(5, checkin);
    await sql`update room_inventory set reserved = total
              where stay_date = ${checkin}::date and room_type_id = (select room_type_id from rate_plans where id = ${planId})`.execute(
      ctx.db.database.db,
    );
    const countBefore = await reservations();
    const res = await post('/book', hiddenFieldsOf(confirm.body, '/book', 'confirm-booking'));
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /満室になりました/);
    assert.match(res.body, new RegExp(`href="/hotels/5\\?checkin=${checkin}&amp;nights=2&amp;guests=2&amp;rooms=1"`));
    assert.equal(await reservations(), countBefore);
  });

  it('answers broken booking links with a page, never a 500', async () => {
    for (const [url, status] of [
      [`/book?planId=999999&checkin=${futureDate(3)}`, 404],
      [`/book?planId=abc&checkin=${futureDate(3)}`, 404],
      ['/book?planId=1&checkin=2020-01-01', 422],
      [`/book?planId=1&checkin=${futureDate(3)}&guests=8&rooms=1`, 422],
    ] as const) {
      const res = await ctx.app.inject(url);
      assert.equal(res.statusCode, status, url);
      assert.match(String(res.headers['content-type']), /text\/html/);
    }
  });

  it('looks a booking up, shows the fee before cancelling, cancels and returns the rooms', async () => {
    const { rows } = await sql<{ id: number; pct: number }>`
      select id, cancel_fee_percent as pct from rate_plans where free_cancel_days >= 1 order by id limit 1`.execute(ctx.db.database.db);
    const plan = rows[0]!;
    const today = futureDate(0);
    const { reservation } = await bookStay(testBookingContext(ctx.db.database.db),
      { planId: plan.id, checkin: today, nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { ...guest, email: 'Cancel.Me@example.com' } },
      { idempotencyKey: 'page-cancel-0001', requireLatinName: true },
    );
    const expectedFee = Math.floor((reservation.totalPrice * plan.pct) / 100);
    assert.ok(expectedFee > 0);
    const reservedBefore = await reserved(plan.id, today);

    const form = await ctx.app.inject('/reservations/lookup');
    assert.equal(form.statusCode, 200);
    assert.match(String(form.headers['cache-control']), /^public/);

    const wrong = await post('/reservations/lookup', { code: reservation.code, email: 'someone@example.com' });
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /一致する予約はありません/);
    assert.ok(!wrong.body.includes(reservation.hotelName) && !wrong.body.includes('山田'));

    const found = await post('/reservations/lookup', { code: reservation.code.toLowerCase(), email: 'cancel.me@example.com', lang: 'en' });
    assert.equal(found.statusCode, 200);
    assert.equal(found.headers['cache-control'], 'private, no-store');
    const fee = `¥${expectedFee.toLocaleString('en-US')}`;
    assert.ok(found.body.includes(`data-testid="cancel-fee-today">${fee}<`));
    assert.match(found.body, /data-testid="cancel-reservation"/);
    const cancelFields = hiddenFieldsOf(found.body, `/reservations/${reservation.code}/cancel`);
    assert.deepEqual(cancelFields, { email: 'cancel.me@example.com', confirm: 'yes', lang: 'en' });

    const unconfirmed = await post(`/reservations/${reservation.code}/cancel`, { email: 'cancel.me@example.com' });
    assert.equal(unconfirmed.statusCode, 422);
    const byStranger = await post(`/reservations/${reservation.code}/cancel`, { email: 'x@example.com', confirm: 'yes' });
    assert.equal(byStranger.statusCode, 404);
    const crossSite = await post(`/reservations/${reservation.code}/cancel`, cancelFields, { origin: 'https://evil.example' });
    assert.equal(crossSite.statusCode, 403);
    assert.equal(await reserved(plan.id, today), reservedBefore, 'nothing was cancelled yet');

    const cancelled = await post(`/reservations/${reservation.code}/cancel`, cancelFields);
    assert.equal(cancelled.statusCode, 200);
    assert.match(cancelled.body, /data-testid="reservation-status" data-status="cancelled">Cancelled</);
    assert.ok(cancelled.body.includes(`data-testid="cancel-fee">${fee}<`));
    assert.equal(await reserved(plan.id, today), reservedBefore - 1);

    const again = await post(`/reservations/${reservation.code}/cancel`, cancelFields);
    assert.equal(again.statusCode, 200, 'a repeated cancel is harmless');
    assert.equal(await reserved(plan.id, today), reservedBefore - 1);
    const after = await post('/reservations/lookup', { code: reservation.code, email: 'cancel.me@example.com' });
    assert.doesNotMatch(after.body, /data-testid="cancel-reservation"/);
  });

  it('shows the front desk\'s steps as the guest\'s language says them, with nothing left to cancel', async () => {
    const plan = (await sql<{ id: number }>`select id from rate_plans order by id limit 1`.execute(ctx.db.database.db)).rows[0]!;
    const context = testBookingContext(ctx.db.database.db);
    const book = async (key: string) =>
      (await bookStay(context, { planId: plan.id, checkin: futureDate(0), nights: 2, guests: 1, rooms: 1, acceptTerms: true, guest: { ...guest, email: 'desk@example.com' } }, { idempotencyKey: key })).reservation;
    const stay = await book('page-desk-0001');
    const absent = await book('page-desk-0002');
    const desk = { staff: { id: 1, name: 'Desk', kind: 'facility' as const, hotelId: stay.hotelId, role: null }, requestId: 'page-desk' };
    await checkIn(context, stay.code, desk);
    await markNoShow(context, absent.code, desk);
    const status = async (code: string, lang: string) => {
      const page = await post('/reservations/lookup', { code, email: 'desk@example.com', lang });
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /data-testid="cancel-reservation"/);
      return /data-testid="reservation-status" data-status="[a-z_]+">([^<]+)</.exec(page.body)![1];
    };
    assert.deepEqual(
      [await status(stay.code, 'ja'), await status(stay.code, 'en'), await status(absent.code, 'ja'), await status(absent.code, 'en')],
      ['チェックイン済み', 'Checked in', 'ご来館なし（ノーショー）', 'No-show (you did not arrive)'],
    );
    await checkOut(context, stay.code, desk);
    assert.equal(await status(stay.code, 'en'), 'Checked out');
  });
});
