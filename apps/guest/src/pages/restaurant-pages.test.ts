import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { appUnderTest, futureDate, holdsSecret } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { formBody, hiddenFieldsOf, hrefsOf } from './page-test-forms.ts';

const guest = { name: 'Emma Brown', email: 'emma@example.com', phone: '+44 20 7946 0000' };
const CARD = '4242424242424242';
const card = (number = CARD) => ({ cardNumber: number.replace(/(\d{4})(?=\d)/g, '$1 '), cardExpiry: '12/39', cardCvc: '737' });
const count = (body: string, needle: string) => body.split(needle).length - 1;

describe('restaurant pages', () => {
  const ctx = appUnderTest(buildGuestApp);
  const date = futureDate(10);

  const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const post = (url: string, fields: Record<string, string>, cookie?: string) =>
    ctx.app.inject({ method: 'POST', url, ...formBody(fields), headers: { ...formBody(fields).headers, origin: 'http://localhost', ...(cookie ? { cookie } : {}) } });
  const tables = async () => (await sql<{ n: number }>`select count(*)::int as n from table_reservations`.execute(ctx.db.database.db)).rows[0]!.n;

  /** Search → a result's first time → a course of that seating → the details form, as a browser without JavaScript would. */
  async function reachDetailsForm(lang: 'ja' | 'en') {
    const search = await get(`/restaurants?date=${date}&time=19:00&party=2${lang === 'en' ? '&lang=en' : ''}`);
    assert.equal(search.statusCode, 200);
    const [timeHref] = hrefsOf(search.body, 'restaurant-time');
    assert.ok(timeHref, 'a result shows a bookable time');
    const page = await get(timeHref.replace(/#.*$/, ''));
    assert.equal(page.statusCode, 200);
    const bookHrefs = hrefsOf(page.body, 'book-course');
    assert.ok(bookHrefs.length, 'the restaurant page offers a course at a seating');
    // a priced course, so the booking takes a card guarantee
    for (const bookHref of bookHrefs) {
      const details = await get(bookHref);
      assert.equal(details.statusCode, 200, details.body);
      if (details.body.includes('name="cardNumber"')) return { search, page, details, bookHref };
    }
    throw new Error('no priced course at the first result');
  }

  it('links restaurants from the home page and the navigation, with a restaurant search form', async () => {
    const home = await get('/');
    assert.match(home.body, /data-testid="nav-restaurants" href="\/restaurants">レストランを探す</);
    assert.match(home.body, /<form class="inline" method="get" action="\/restaurants">/);
    assert.match(home.body, /<option value="sushi">寿司<\/option>/);
    assert.match((await get('/?lang=en')).body, /data-testid="nav-restaurants" href="\/restaurants\?lang=en">Restaurants</);
  });

  it('searches by area, date, time, party, cuisine and budget; results show bookable times, cacheable at the edge', async () => {
    const { search } = await reachDetailsForm('ja');
    assert.match(String(search.headers['cache-control']), /^public/);
    assert.equal(search.headers['surrogate-key'], 'restaurant-search areas');
    assert.match(search.body, /\d+件のレストランが見つかりました/);
    assert.match(search.body, /[\d,]+円/, 'prices in Japanese');
    const en = await get(`/restaurants?date=${date}&time=19:00&party=2&lang=en`);
    assert.match(en.body, /\d+ restaurants? found/);
    assert.match(en.body, /¥[\d,]+/);
    assert.match(en.body, /data-testid="restaurant-time"[^>]*>[0-9]{1,2}:[0-9]{2} (am|pm)</, 'times as English writes them');

    const all = count((await get(`/restaurants?date=${date}&party=2`)).body, 'data-testid="restaurant-result"');
    const sushi = await get(`/restaurants?date=${date}&party=2&cuisine=sushi&area=kyoto`);
    assert.ok(count(sushi.body, 'data-testid="restaurant-result"') < all);
    assert.ok(!/restaurant-result[\s\S]*?京都 · (?!寿司)/.test(sushi.body), 'only sushi in Kyoto');
    const cheap = await get(`/restaurants?date=${date}&party=2&budget=10000`);
    assert.ok(count(cheap.body, 'data-testid="restaurant-result"') < all, 'a budget leaves out dearer restaurants');

    const bad = await get(`/restaurants?date=2000-01-01&party=13&area=atlantis`);
    assert.equal(bad.statusCode, 422);
    for (const message of ['過去の日付は指定できません', 'オンラインでのご予約は12名まで', '指定のエリアはありません']) assert.ok(bad.body.includes(message), message);
  });

  it('shows a restaurant with its courses, the day’s seatings and a two-month calendar, tagged for purges', async () => {
    const { page } = await reachDetailsForm('en');
    const id = /\/restaurants\/(\d+)/.exec(page.body)?.[1];
    assert.equal(page.headers['surrogate-key'], `restaurant-${id}`);
    assert.equal(count(page.body, 'data-testid="calendar-month"'), 2);
    assert.ok(count(page.body, 'data-testid="course"') >= 1);
    assert.ok(count(page.body, 'data-testid="seating"') >= 1);
    assert.match(page.body, /Tables on \w{3} \d{1,2} \w{3} \d{4} for 2 guests/, 'the date as English writes it');
    assert.equal((await get('/restaurants/2147483000')).statusCode, 404);
  });

  it('books a table in English with requests, shows the confirmation, then cancels with the fee shown first', async () => {
    const { details } = await reachDetailsForm('en');
    const before = await tables();
    const confirm = await post('/book/table/confirm', { ...hiddenFieldsOf(details.body, '/book/table/confirm'), ...guest, ...card(), allergies: 'No shellfish', occasion: 'anniversary' });
    assert.equal(confirm.statusCode, 200, confirm.body);
    assert.match(confirm.body, /data-testid="booking-total">¥[\d,]+</);
    assert.match(confirm.body, /data-testid="card-on-file">Visa ending 4242</);
    assert.match(confirm.body, /By confirming the booking you accept[^<]*<a href="\/terms\?lang=en">Terms of use<\/a>\s*<a href="\/privacy\?lang=en">Privacy policy<\/a>/);
    const fields = hiddenFieldsOf(confirm.body, '/book/table', 'confirm-booking');
    const first = await post('/book/table', fields);
    const second = await post('/book/table', fields);
    assert.equal(first.statusCode, 303, first.body);
    assert.equal(second.headers.location, first.headers.location, 'a double submit makes one reservation');
    assert.equal((await tables()) - before, 1);
    const location = String(first.headers.location);
    const code = /^\/reservations\/(RS[0-9A-Z]{10})\/confirmation\?lang=en$/.exec(location)?.[1];
    assert.ok(code, location);
    const confirmation = await get(location, String(first.headers['set-cookie']).split(';')[0]);
    assert.equal(confirmation.statusCode, 200);
    assert.match(confirmation.body, new RegExp(`data-testid="reservation-code">${code}<`));
    assert.ok(confirmation.body.includes('Allergies and dislikes: No shellfish\nOccasion: Anniversary'));
    const { rows } = await sql<{ locale: string; template: string }>`select locale, template from mail_messages where reference = ${code}`.execute(ctx.db.database.db);
    assert.deepEqual(rows, [{ locale: 'en', template: 'table-reservation-confirmation' }]);

    const found = await post('/reservations/lookup', { code, email: guest.email, lang: 'en' });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /data-testid="cancel-fee-today">¥[\d,]+</, 'the fee is shown before cancelling');
    const unconfirmed = await post(`/reservations/${code}/cancel`, { email: guest.email, lang: 'en' });
    assert.equal(unconfirmed.statusCode, 422, 'nothing is cancelled without the confirming button');
    const cancelled = await post(`/reservations/${code}/cancel`, { ...hiddenFieldsOf(found.body, `/reservations/${code}/cancel`), lang: 'en' });
    assert.equal(cancelled.statusCode, 200);
    assert.match(cancelled.body, /data-status="cancelled"/);
  });

  it('re-renders the details form with translated field errors and writes nothing', async () => {
    const { details } = await reachDetailsForm('ja');
    const before = await tables();
    const res = await post('/book/table/confirm', { ...hiddenFieldsOf(details.body, '/book/table/confirm'), name: '', email: 'not-an-email', phone: 'x', allergies: 'a'.repeat(600) });
    assert.equal(res.statusCode, 422);
    for (const message of ['お名前を入力してください', '正しいメールアドレスを入力してください', 'ご要望は500文字以内で入力してください']) assert.ok(res.body.includes(message), message);
    const forged = await post('/book/table', { ...hiddenFieldsOf(details.body, '/book/table/confirm'), ...guest, idempotencyKey: 'forged-table-key-1', courseId: '2147483000' });
    assert.ok([404, 422].includes(forged.statusCode));
    assert.equal(await tables(), before);
  });

  it('shows a member’s restaurant and hotel reservations together', async () => {
    const login = await post('/login', { email: 'member@example.com', password: 'hatago-demo-pass' });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const { details } = await reachDetailsForm('ja');
    const confirm = await post('/book/table/confirm', { ...hiddenFieldsOf(details.body, '/book/table/confirm'), ...card(), name: '会員 太郎', email: 'member@example.com', phone: '090-0000-1111' }, cookie);
    const booked = await post('/book/table', hiddenFieldsOf(confirm.body, '/book/table', 'confirm-booking'), cookie);
    assert.equal(booked.statusCode, 303);
    const hotel = await get(`/hotels/1?checkin=${futureDate(20)}&nights=1&guests=2&rooms=1`);
    const hotelDetails = await get(hrefsOf(hotel.body, 'book-plan')[0]!, cookie);
    const hotelConfirm = await post('/book/confirm', { ...hiddenFieldsOf(hotelDetails.body, '/book/confirm'), acceptTerms: 'yes', name: '会員 太郎', nameLatin: 'Taro Kaiin', email: 'member@example.com', phone: '090-0000-1111' }, cookie);
    assert.equal((await post('/book', hiddenFieldsOf(hotelConfirm.body, '/book', 'confirm-booking'), cookie)).statusCode, 303);

    const account = await get('/account/reservations', cookie);
    assert.equal(account.statusCode, 200);
    assert.ok(count(account.body, 'data-kind="table"') >= 1);
    assert.ok(count(account.body, 'data-kind="stay"') >= 1);
    const code = /data-kind="table">\s*<td>(RS[0-9A-Z]{10})</.exec(account.body)?.[1];
    const own = await get(`/account/reservations/${code}`, cookie);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /data-testid="cancel-fee-today"/);
  });

  it('guarantees a priced table with a card: a declined card is a field error and books nothing, and no card number or code is written anywhere', async () => {
    const { details } = await reachDetailsForm('en');
    const choice = hiddenFieldsOf(details.body, '/book/table/confirm');
    const before = await tables();
    const typo = await post('/book/table/confirm', { ...choice, ...guest, ...card('4242424242424241') });
    assert.equal(typo.statusCode, 422);
    assert.ok(typo.body.includes('Enter a valid card number'));
    assert.ok(!typo.body.includes('4242 4242 4242 4241') && !holdsSecret(typo.body, '737'), 'the typed card is not written back');

    const confirm = await post('/book/table/confirm', { ...choice, ...guest, ...card('4000000000000002') });
    assert.equal(confirm.statusCode, 200);
    const declined = await post('/book/table', hiddenFieldsOf(confirm.body, '/book/table', 'confirm-booking'));
    assert.equal(declined.statusCode, 422);
    assert.ok(declined.body.includes('The card was declined; use another card'));
    const noCard = await post('/book/table', { ...hiddenFieldsOf(confirm.body, '/book/table', 'confirm-booking'), guaranteeToken: '', idempotencyKey: 'table-no-card-1' });
    assert.equal(noCard.statusCode, 422, 'a priced table is never booked without a guarantee');
    assert.equal(await tables(), before);

    const accepted = await post('/book/table/confirm', { ...choice, ...guest, ...card() });
    for (const page of [confirm.body, accepted.body]) assert.ok(!/4242 ?4242 ?4242|4000 ?0000 ?0000 ?0002/.test(page) && !holdsSecret(page, '737'), 'no page holds the number or the code');
    const booked = await post('/book/table', hiddenFieldsOf(accepted.body, '/book/table', 'confirm-booking'));
    assert.equal(booked.statusCode, 303);
    const code = /(RS[0-9A-Z]{10})/.exec(String(booked.headers.location))![1];
    const page = await get(String(booked.headers.location), String(booked.headers['set-cookie']).split(';')[0]);
    assert.match(page.body, /data-testid="card-guarantee">Visa ending 4242 · ¥[\d,]+ · Held</);

    // every row of every table, as text: the card number and the security code appear nowhere
    const { rows: tablesList } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(ctx.db.database.db);
    for (const { name } of tablesList) {
      const { rows } = await sql<{ row: string }>`select row_to_json(t)::text as row from ${sql.table(name)} t`.execute(ctx.db.database.db);
      for (const { row } of rows) assert.ok(!/4242 ?4242 ?4242 ?4242|4000 ?0000 ?0000 ?0002|4242424242424241/.test(row) && !holdsSecret(row, '737'), `${name} holds card data: ${row.slice(0, 200)}`);
    }
    assert.ok(code);
  });
});
