import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { appUnderTest, futureDate } from '@hatago/test-support';
import { SandboxPaymentProvider } from '@hatago/payments';
import { buildGuestApp } from '../guest-app.ts';

const sandbox = new SandboxPaymentProvider();

const guest = { name: '佐藤 花子', email: 'hanako@example.com', phone: '+81 90 1234 5678' };

describe('guest JSON API: restaurants', () => {
  const ctx = appUnderTest(buildGuestApp);
  const date = futureDate(12);
  let keys = 0;

  const counts = async () => {
    const { rows } = await sql<{ r: number; m: number; k: number }>`
      select (select count(*) from table_reservations)::int as r, (select count(*) from mail_messages)::int as m,
             (select count(*) from dining_idempotency)::int as k`.execute(ctx.db.database.db);
    return rows[0]!;
  };
  const book = (payload: unknown, key = `table-key-${++keys}`) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/restaurant-reservations', headers: { 'idempotency-key': key }, payload: payload as object });

  /** A dinner table for two: the cheapest set course of the first restaurant with a seating near 19:00. */
  async function aTable() {
    const search = await ctx.app.inject({ url: `/api/v1/restaurants?date=${date}&time=19:00&party=2` });
    const restaurant = search.json().items.find((r: { minPrice: number | null }) => r.minPrice !== null);
    const answer = await ctx.app.inject({ url: `/api/v1/restaurants/${restaurant.id}?date=${date}&party=2` });
    assert.equal(answer.headers['surrogate-key'], `restaurant-${restaurant.id}`, 'its bookings purge it from the edge');
    const detail = answer.json();
    const course = detail.courses.find((c: { pricePerPerson: number; seatOnly: boolean }) => !c.seatOnly && c.pricePerPerson === restaurant.minPrice);
    return { restaurant, detail, body: { restaurantId: restaurant.id, courseId: course.id, date, time: restaurant.times[0], party: 2, guest } };
  }

  it('searches restaurants with the documented field names, cacheable like the hotel search', async () => {
    const res = await ctx.app.inject({ url: `/api/v1/restaurants?date=${date}&party=2&lang=ja` });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.ok(body.total >= 1);
    assert.equal(body.total, body.items.length);
    for (const key of ['id', 'name', 'nameJa', 'nameEn', 'area', 'cuisine', 'priceBand', 'times', 'minPrice']) assert.ok(key in body.items[0], key);
    assert.equal(body.items[0].name, body.items[0].nameJa);
    assert.ok(body.items.every((r: { times: string[] }) => r.times.length > 0 && r.times.every((t) => /^\d\d:\d\d$/.test(t))));
    assert.equal(res.headers['cache-control'], 'public, max-age=0, must-revalidate');
    assert.equal(res.headers['hatago-cache-control'], 'public, max-age=30, stale-while-revalidate=30');
    assert.equal(res.headers['surrogate-key'], 'restaurant-search');
    const nowhere = await ctx.app.inject({ url: `/api/v1/restaurants?date=${date}&area=atlantis` });
    const hotelsNowhere = await ctx.app.inject({ url: `/api/v1/hotels?checkin=${date}&area=atlantis` });
    assert.deepEqual([nowhere.statusCode, nowhere.headers['content-type'], nowhere.json().code], [404, 'application/problem+json; charset=utf-8', 'AREA_NOT_FOUND']);
    assert.deepEqual([hotelsNowhere.statusCode, hotelsNowhere.json().code], [404, 'AREA_NOT_FOUND'], 'as the hotel search answers');

    const { restaurant } = await aTable();
    const inArea = (await ctx.app.inject({ url: `/api/v1/restaurants?date=${date}&area=${restaurant.area}&cuisine=${restaurant.cuisine}` })).json();
    assert.ok(inArea.items.every((r: { area: string; cuisine: string }) => r.area === restaurant.area && r.cuisine === restaurant.cuisine));
    assert.ok(inArea.items.some((r: { id: number }) => r.id === restaurant.id));
  });

  it("shows a restaurant's seatings for the party and its courses", async () => {
    const { restaurant, detail } = await aTable();
    assert.equal(detail.id, restaurant.id);
    assert.equal(detail.date, date);
    assert.ok(detail.seatings.some((s: { time: string; available: boolean }) => s.time === restaurant.times[0] && s.available));
    for (const key of ['id', 'name', 'pricePerPerson']) assert.ok(key in detail.courses[0], key);
    const unknown = await ctx.app.inject({ url: `/api/v1/restaurants/2147483000?date=${date}` });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'RESTAURANT_NOT_FOUND');
  });

  it('books a table, replays the key, looks the RS code up and cancels it by the shared reservation routes', async () => {
    const { body, restaurant } = await aTable();
    const first = await book(body, 'table-api-0001');
    assert.equal(first.statusCode, 201, first.body);
    const created = first.json();
    assert.match(created.code, /^RS[0-9A-Z]{10}$/);
    assert.ok(['confirmed', 'requested'].includes(created.status));
    assert.equal(created.totalPrice, restaurant.minPrice * 2);
    assert.equal(first.headers.location, `/api/v1/reservations/${created.code}`);
    assert.equal(first.headers['cache-control'], 'no-store');
    assert.equal(first.headers['idempotent-replayed'], undefined);

    const replay = await book(body, 'table-api-0001');
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.json().code, created.code);
    assert.equal(replay.headers['idempotent-replayed'], 'true');

    const lookup = await ctx.app.inject({ url: `/api/v1/reservations/${created.code}?email=HANAKO@example.com` });
    assert.equal(lookup.statusCode, 200, lookup.body);
    assert.equal(lookup.json().restaurantId, restaurant.id);
    assert.equal(lookup.json().cancellation.allowed, true);
    assert.equal('hotelId' in lookup.json(), false);
    assert.match(String(lookup.headers['cache-control']), /private, no-store/);
    const wrongEmail = await ctx.app.inject({ url: `/api/v1/reservations/${created.code}?email=other@example.com` });
    const wrongCode = await ctx.app.inject({ url: `/api/v1/reservations/RS0000000000?email=${guest.email}` });
    assert.deepEqual([wrongEmail.statusCode, wrongEmail.json().code], [404, 'TABLE_RESERVATION_NOT_FOUND']);
    assert.deepEqual([wrongCode.statusCode, wrongCode.json().code, wrongCode.json().detail], [404, 'TABLE_RESERVATION_NOT_FOUND', wrongEmail.json().detail]);

    const cancel = await ctx.app.inject({ method: 'POST', url: `/api/v1/reservations/${created.code}/cancel`, payload: { email: guest.email } });
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal(cancel.json().status, 'cancelled');
    assert.equal(cancel.json().cancelFee, lookup.json().cancellation.fee);
    assert.equal(cancel.headers['cache-control'], 'no-store');
  });

  it('answers 409 problem+json when the seating cannot take the party', async () => {
    const { body } = await aTable();
    assert.equal((await book(body)).statusCode, 201);
    await sql`
      update seating_stock set reserved = total where service_date = ${date}::date
      and seating_id = (select id from restaurant_seatings where restaurant_id = ${body.restaurantId} and starts_at = ${body.time})`.execute(ctx.db.database.db);
    const before = await counts();
    const full = await book(body);
    assert.equal(full.statusCode, 409, full.body);
    assert.equal(full.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(full.json().code, 'SEATING_FULL');
    assert.deepEqual(await counts(), before, 'the refused booking wrote nothing');
  });

  it('holds a no-show guarantee from a card token, and a declined card answers 422 CARD_DECLINED writing nothing', async () => {
    const { body } = await aTable();
    const tokenOf = (number: string) => sandbox.tokenise({ number, expiry: '12/39', cvc: '123' }).token;
    const before = await counts();
    const declined = await book({ ...body, guaranteeToken: tokenOf('4000000000000002') });
    assert.equal(declined.statusCode, 422, declined.body);
    assert.equal(declined.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual([declined.json().code, declined.json().errors[0].field], ['CARD_DECLINED', 'guaranteeToken']);
    assert.deepEqual(await counts(), before, 'a declined card books nothing');
    const held = await book({ ...body, guaranteeToken: tokenOf('3530111333300000') });
    assert.equal(held.statusCode, 201, held.body);
    assert.deepEqual(held.json().guarantee, { brand: 'jcb', last4: '0000', amount: held.json().totalPrice, status: 'authorised' });
    assert.equal((await book(body)).json().guarantee, null, 'the token stays optional for API clients');
  });

  it('refuses bad input with 400/404/422 problem+json and writes nothing', async () => {
    const { body } = await aTable();
    const before = await counts();
    const cases: Array<[string, unknown, number]> = [
      ['past date', { ...body, date: '2001-01-01' }, 422],
      ['party 0', { ...body, party: 0 }, 422],
      ['no seating at this time', { ...body, time: '04:00' }, 422],
      ['invalid email', { ...body, guest: { ...guest, email: 'not-an-email' } }, 422],
      ['script in a name', { ...body, guest: { ...guest, name: '<script>alert(1)</script>' } }, 422],
      ['requests too long', { ...body, requests: 'x'.repeat(600) }, 422],
      ['unknown restaurant', { ...body, restaurantId: 2147483000 }, 404],
      ['wrong types', { ...body, party: 'two' }, 400],
    ];
    for (const [name, payload, status] of cases) {
      const res = await book(payload);
      assert.equal(res.statusCode, status, `${name}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, name);
      assert.ok(res.json().code && res.json().requestId, name);
    }
    const bad = await book({ ...body, date: 'tomorrow' });
    assert.equal(bad.json().code, 'INVALID_TABLE_BOOKING');
    assert.equal((await ctx.app.inject({ url: `/api/v1/restaurants?date=tomorrow` })).statusCode, 422);
    assert.equal((await ctx.app.inject({ url: `/api/v1/restaurants?date=${date}&cuisine=pizza` })).json().code, 'INVALID_DINING_QUERY');
    assert.deepEqual(await counts(), before);
  });

  it('documents the restaurant routes and both kinds of reservation in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const path of ['/api/v1/restaurants', '/api/v1/restaurants/{id}', '/api/v1/restaurant-reservations']) assert.ok(doc.paths[path], path);
    assert.ok(doc.paths['/api/v1/restaurant-reservations'].post.parameters.some((p: { name: string }) => p.name === 'idempotency-key'));
    const lookup = doc.paths['/api/v1/reservations/{code}'].get.responses['200'].content['application/json'].schema;
    assert.equal(lookup.anyOf.length, 2);
  });
});
