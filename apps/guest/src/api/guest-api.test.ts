import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { appUnderTest, futureDate } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';

const guest = { name: '佐藤 花子', email: 'hanako@example.com', phone: '+81 90 1234 5678' };

describe('guest JSON API', () => {
  const ctx = appUnderTest(buildGuestApp);
  const checkin = futureDate(12);


  const counts = async () => {
    const { rows } = await sql<{ r: number; m: number; k: number }>`
      select (select count(*) from reservations)::int as r, (select count(*) from mail_messages)::int as m,
             (select count(*) from booking_idempotency)::int as k`.execute(ctx.db.database.db);
    return rows[0]!;
  };

  async function aPlan() {
    const res = await ctx.app.inject({ url: `/api/v1/hotels?area=kyoto&checkin=${checkin}&nights=2&guests=2&rooms=1` });
    const hotel = res.json().items[0];
    const detail = await ctx.app.inject({ url: `/api/v1/hotels/${hotel.id}?checkin=${checkin}&nights=2&guests=2&rooms=1` });
    const roomType = detail.json().roomTypes.find((rt: { available: number }) => rt.available > 0);
    return { hotel, roomType, plan: roomType.plans[0] };
  }

  it('lists areas and searches hotels with the documented field names', async () => {
    const areas = await ctx.app.inject({ url: '/api/v1/areas' });
    assert.equal(areas.statusCode, 200);
    assert.ok(areas.json().items.length >= 8);
    assert.deepEqual(Object.keys(areas.json().items[0]).slice(0, 2), ['id', 'name']);
    assert.equal(areas.headers['cache-control'], 'public, max-age=0, must-revalidate', 'browsers, never purged, ask again each time');
    assert.equal(areas.headers['hatago-cache-control'], 'public, max-age=86400', 'the edge, purged on every hotel change, keeps a day');

    const res = await ctx.app.inject({ url: `/api/v1/hotels?area=kyoto&checkin=${checkin}&nights=2&guests=2&rooms=1&sort=price` });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.ok(body.total >= 1);
    for (const key of ['id', 'name', 'area', 'minTotalPrice']) assert.ok(key in body.items[0], key);
    const prices = body.items.map((h: { minTotalPrice: number }) => h.minTotalPrice);
    assert.deepEqual(prices, [...prices].sort((a, b) => a - b), 'sorted by price');
    assert.ok(body.items.every((h: { area: string }) => h.area === 'kyoto'));
    assert.equal(res.headers['cache-control'], 'public, max-age=0, must-revalidate');
    assert.equal(res.headers['hatago-cache-control'], 'public, max-age=30, stale-while-revalidate=30', 'the edge keeps it briefly: bookings purge nothing');
  });

  it('prices a hotel for a stay and counts rooms free on every night', async () => {
    const { hotel, roomType, plan } = await aPlan();
    const { rows } = await sql<{ free: number }>`
      select min(total - reserved)::int as free from room_inventory
      where room_type_id = ${roomType.id} and stay_date >= ${checkin}::date and stay_date < ${checkin}::date + 2`.execute(ctx.db.database.db);
    assert.equal(roomType.available, rows[0]!.free);
    const { rows: prices } = await sql<{ sum: number }>`
      select sum(price)::int as sum from plan_prices
      where plan_id = ${plan.id} and stay_date >= ${checkin}::date and stay_date < ${checkin}::date + 2`.execute(ctx.db.database.db);
    assert.equal(plan.totalPrice, prices[0]!.sum);
    assert.ok(hotel.minTotalPrice <= plan.totalPrice);
  });

  it('describes each room type: beds, view and description in the language asked for', async () => {
    const { hotel } = await aPlan();
    const url = (lang: string) => `/api/v1/hotels/${hotel.id}?checkin=${checkin}&nights=2&guests=2&rooms=1&lang=${lang}`;
    const [en] = (await ctx.app.inject({ url: url('en') })).json().roomTypes;
    const [ja] = (await ctx.app.inject({ url: url('ja') })).json().roomTypes;
    const { rows } = await sql<{ bed_type: string; room_view: string; description: string; description_en: string }>`
      select bed_type, room_view, description, description_en from room_types where id = ${en.id}`.execute(ctx.db.database.db);
    const stored = rows[0]!;
    assert.deepEqual([en.bedType, en.view, en.description], [stored.bed_type, stored.room_view, stored.description_en]);
    assert.deepEqual([ja.bedType, ja.view, ja.description], [stored.bed_type, stored.room_view, stored.description]);
    assert.ok(en.description && ja.description !== en.description);
  });

  it('books, replays the same key, rejects a reused key with another body, looks up and cancels', async () => {
    const { plan } = await aPlan();
    const body = { planId: plan.id, checkin, nights: 2, guests: 2, rooms: 1, guest, acceptTerms: true };
    const headers = { 'idempotency-key': 'api-test-key-0001' };
    const first = await ctx.app.inject({ method: 'POST', url: '/api/v1/reservations', headers, payload: body });
    assert.equal(first.statusCode, 201, first.body);
    const created = first.json();
    assert.match(created.code, /^HT[0-9A-Z]{10}$/);
    assert.equal(created.status, 'confirmed');
    assert.equal(created.totalPrice, plan.totalPrice);

    const replay = await ctx.app.inject({ method: 'POST', url: '/api/v1/reservations', headers, payload: body });
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.json().code, created.code);
    assert.equal(replay.headers['idempotent-replayed'], 'true');

    const reused = await ctx.app.inject({ method: 'POST', url: '/api/v1/reservations', headers, payload: { ...body, nights: 3 } });
    assert.equal(reused.statusCode, 422);
    assert.equal(reused.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(reused.json().code, 'IDEMPOTENCY_KEY_REUSED');

    const lookup = await ctx.app.inject({ url: `/api/v1/reservations/${created.code}?email=HANAKO@example.com` });
    assert.equal(lookup.statusCode, 200);
    assert.equal(lookup.json().cancellation.allowed, true);
    assert.match(String(lookup.headers['cache-control']), /no-store/);
    const wrongEmail = await ctx.app.inject({ url: `/api/v1/reservations/${created.code}?email=other@example.com` });
    assert.equal(wrongEmail.statusCode, 404);

    const cancel = await ctx.app.inject({ method: 'POST', url: `/api/v1/reservations/${created.code}/cancel`, payload: { email: guest.email } });
    assert.equal(cancel.statusCode, 200);
    assert.equal(cancel.json().status, 'cancelled');
    assert.equal(cancel.json().cancelFee, lookup.json().cancellation.fee);
  });

  it('answers 409 problem+json when sold out', async () => {
    const { roomType, plan } = await aPlan();
    const soldOutDay = futureDate(25);
    await sql`update room_inventory set total = reserved where room_type_id = ${roomType.id} and stay_date = ${soldOutDay}::date`.execute(
      ctx.db.database.db,
    );
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: { 'idempotency-key': 'api-test-sold-out' },
      payload: { planId: plan.id, checkin: soldOutDay, nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true },
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'SOLD_OUT');
    assert.ok(res.json().requestId);
  });

  it('refuses bad input with 400/404/413/422 problem+json and writes nothing', async () => {
    const { plan } = await aPlan();
    const valid = { planId: plan.id, checkin, nights: 1, guests: 2, rooms: 1, guest, acceptTerms: true };
    const before = await counts();
    const post = (payload: unknown, headers: Record<string, string> = { 'idempotency-key': `bad-${Math.random()}` }) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/reservations',
        headers: { 'content-type': 'application/json', ...headers },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
    const cases: Array<[string, Promise<{ statusCode: number; headers: Record<string, unknown>; json(): any }>, number]> = [
      ['past date', post({ ...valid, checkin: '2001-01-01' }), 422],
      ['nights 0', post({ ...valid, nights: 0 }), 422],
      ['nights 99', post({ ...valid, nights: 99 }), 422],
      ['unknown plan', post({ ...valid, planId: 987654 }), 404],
      ['malformed JSON', post('{"planId": 1,'), 400],
      ['wrong types', post({ ...valid, nights: 'two', guest: 'me' }), 400],
      ['missing idempotency key', post(valid, {}), 400],
      ['script in a name', post({ ...valid, guest: { ...guest, name: '<script>alert(1)</script>' } }), 422],
      ['invalid email', post({ ...valid, guest: { ...guest, email: 'not-an-email' } }), 422],
      ['2 MB body', post({ ...valid, guest: { ...guest, name: 'x'.repeat(2 * 1024 * 1024) } }), 413],
      ['unknown hotel', ctx.app.inject({ url: `/api/v1/hotels/999999?checkin=${checkin}` }), 404],
      ['hotel id not a number', ctx.app.inject({ url: `/api/v1/hotels/abc?checkin=${checkin}` }), 400],
      ['search nights 99', ctx.app.inject({ url: `/api/v1/hotels?checkin=${checkin}&nights=99` }), 422],
      ['search unknown area', ctx.app.inject({ url: `/api/v1/hotels?checkin=${checkin}&area=atlantis` }), 404],
      ['search bad date', ctx.app.inject({ url: `/api/v1/hotels?checkin=tomorrow` }), 422],
      ['unknown reservation', ctx.app.inject({ url: `/api/v1/reservations/HT0000000000?email=a@b.co` }), 404],
      ['cancel unknown reservation', ctx.app.inject({ method: 'POST', url: '/api/v1/reservations/NOPE/cancel', payload: { email: 'a@b.co' } }), 404],
      ['xml body', ctx.app.inject({ method: 'POST', url: '/api/v1/reservations', headers: { 'content-type': 'application/xml', 'idempotency-key': 'xml-body-key' }, payload: '<x/>' }), 415],
    ];
    for (const [name, promise, status] of cases) {
      const res = await promise;
      assert.equal(res.statusCode, status, name);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, name);
      const problem = res.json();
      assert.equal(problem.status, status, name);
      assert.ok(problem.title && problem.code && problem.requestId, name);
    }
    assert.deepEqual(await counts(), before);
  });

  it('filters, sorts and counts hotels, and refuses every bad filter with problem+json', async () => {
    const search = (query: string) => ctx.app.inject({ url: `/api/v1/hotels?checkin=${checkin}&nights=1&guests=2&${query}` });
    const all = (await search('')).json();
    assert.equal(all.facets.amenities.length, 13);
    const onsen = all.facets.amenities.find((f: { value: string }) => f.value === 'onsen').count;
    const filtered = await search('amenities=onsen&amenities=restaurant&stars=5&meals=breakfast&meals=half_board&sort=price_desc');
    assert.equal(filtered.statusCode, 200);
    const body = filtered.json();
    assert.ok(body.total > 0 && body.total <= onsen);
    assert.ok(body.items.every((h: { amenities: string[]; stars: number }) => h.amenities.includes('onsen') && h.amenities.includes('restaurant') && h.stars === 5));
    const prices = body.items.map((h: { minTotalPrice: number }) => h.minTotalPrice);
    assert.deepEqual(prices, [...prices].sort((a, b) => b - a));
    const ranged = (await search(`minPrice=${prices.at(-1)}&maxPrice=${prices[0]}&amenities=onsen`)).json();
    assert.ok(ranged.items.every((h: { minTotalPrice: number }) => h.minTotalPrice >= prices.at(-1) && h.minTotalPrice <= prices[0]));

    const bad: Array<[string, number, string]> = [
      ['minPrice=cheap', 400, 'minPrice'],
      ['minPrice=-5', 400, 'minPrice'],
      ['maxPrice=1e12', 400, 'maxPrice'],
      ['maxPrice=200000000', 400, 'maxPrice'],
      ['minPrice=50000&maxPrice=40000', 422, 'maxPrice'],
      ['stars=6', 400, 'stars'],
      ['stars=four', 400, 'stars'],
      ['stars=1&stars=2&stars=3&stars=4&stars=5&stars=5', 400, 'stars'],
      ['meals=lunch', 400, 'meals'],
      ['amenities=casino', 400, 'amenities'],
      ['amenities=onsen&amenities=', 400, 'amenities'],
      ['sort=cheapest', 400, 'sort'],
    ];
    for (const [query, status, field] of bad) {
      const res = await search(query);
      assert.equal(res.statusCode, status, query);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, query);
      const problem = res.json();
      assert.equal(problem.code, status === 422 ? 'INVALID_SEARCH_FILTER' : 'INVALID_REQUEST', query);
      assert.ok(problem.errors.some((e: { field: string }) => e.field.replace(/^querystring\./, '').startsWith(field)), `${query}: ${JSON.stringify(problem.errors)}`);
    }
  });

  it('serves an OpenAPI document naming every documented operation', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/api/v1/areas', '/api/v1/hotels', '/api/v1/hotels/{id}', '/api/v1/reservations', '/api/v1/reservations/{code}', '/api/v1/reservations/{code}/cancel']) {
      assert.ok(doc.paths[path], path);
    }
    assert.ok(doc.paths['/api/v1/reservations'].post.parameters.some((p: { name: string }) => p.name === 'idempotency-key'));
  });
});
