import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { BannerChanges, publishBannerDocument } from '@hatago/banners';
import { applyBulkRateChange, CatalogChanges, getHotelProfile, updateHotelProfile } from '@hatago/catalog';
import { futureDate } from '@hatago/test-support';
import { type EmbeddedPlatform, startEmbeddedPlatform } from './embedded-platform.ts';

/**
 * A facility change reaches the edge: the management call commits, publishes the catalogue
 * change, and the edge's copies of that hotel's pages and of every search are purged
 * through its purge API, while other hotels stay cached.
 */
describe('catalogue changes purge the edge (embedded platform)', () => {
  let platform: EmbeddedPlatform;
  let hotelId: number;
  let otherHotelId: number;
  let planId: number;
  let roomTypeId: number;

  before(async () => {
    platform = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', seed: { hotelsPerArea: 1, restaurantsPerArea: 1, days: 30 }, logLevel: 'silent' });
    const { rows } = await sql<{ plan_id: number; room_type_id: number; hotel_id: number }>`
      select p.id as plan_id, p.room_type_id, r.hotel_id from rate_plans p join room_types r on r.id = p.room_type_id order by p.id limit 1`.execute(platform.database.db);
    ({ plan_id: planId, room_type_id: roomTypeId, hotel_id: hotelId } = rows[0]!);
    const other = await sql<{ id: number }>`select id from hotels where id <> ${hotelId} order by id limit 1`.execute(platform.database.db);
    otherHotelId = other.rows[0]!.id;
  });
  after(() => platform.close());

  const xCache = async (path: string) => {
    const res = await fetch(platform.url + path);
    await res.arrayBuffer();
    return res.headers.get('x-cache');
  };
  const context = () => ({ hotelId, actor: { id: 1, name: 'Front desk' }, requestId: 'edge-purge-test', changes: new CatalogChanges(platform.cache) });

  it('keeps pages and answers purged by key at the edge, while browsers are told to ask again and never see the edge’s own fields', async () => {
    const checkin = futureDate(4);
    const restaurantId = (await sql<{ id: number }>`select id from restaurants order by id limit 1`.execute(platform.database.db)).rows[0]!.id;
    const paths = [
      '/',
      `/search?checkin=${checkin}&nights=1&rooms=1`,
      `/hotels/${hotelId}`,
      `/restaurants/${restaurantId}?date=${checkin}&party=2`,
      `/api/v1/hotels/${hotelId}?checkin=${checkin}&nights=1&rooms=1`,
      `/api/v1/restaurants?date=${checkin}&party=2`,
      '/api/v1/banners?lang=en',
      '/api/v1/areas',
    ];
    for (const path of paths) await xCache(path);
    for (const path of paths) {
      const res = await fetch(platform.url + path);
      await res.arrayBuffer();
      assert.equal(res.headers.get('x-cache'), 'HIT', path);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=0, must-revalidate', path);
      assert.equal(res.headers.get('hatago-cache-control'), null, path);
      assert.equal(res.headers.get('surrogate-key'), null, path);
    }
  });

  it('a price change purges the hotel’s page and API answer and the searches, not other hotels', async () => {
    const checkin = futureDate(5);
    const pages = [`/hotels/${hotelId}`, `/api/v1/hotels/${hotelId}?checkin=${checkin}&nights=1&rooms=1`, `/search?checkin=${checkin}&nights=1&rooms=1`, `/hotels/${otherHotelId}`];
    for (const path of pages) await xCache(path);
    for (const path of pages) assert.equal(await xCache(path), 'HIT', path);

    await applyBulkRateChange(platform.database.db, context(), { from: checkin, to: checkin, [`price_${planId}`]: '54321' });
    await platform.edgePurging.settled();

    assert.equal(await xCache(`/hotels/${hotelId}`), 'MISS');
    assert.equal(await xCache(`/api/v1/hotels/${hotelId}?checkin=${checkin}&nights=1&rooms=1`), 'MISS');
    assert.equal(await xCache(`/search?checkin=${checkin}&nights=1&rooms=1`), 'MISS');
    assert.equal(await xCache(`/hotels/${otherHotelId}`), 'HIT');
    const offer = (await (await fetch(`${platform.url}/api/v1/hotels/${hotelId}?checkin=${checkin}&nights=1&rooms=1`)).json()) as {
      roomTypes: Array<{ plans: Array<{ id: number; totalPrice: number | null }> }>;
    };
    const plan = offer.roomTypes.flatMap((room) => room.plans).find((p) => p.id === planId);
    assert.equal(plan?.totalPrice, 54321, 'the guest sees the new price at once');
  });

  it('a stop-sell purges too; a booking does not', async () => {
    const night = futureDate(6);
    await xCache(`/hotels/${hotelId}`);
    assert.equal(await xCache(`/hotels/${hotelId}`), 'HIT');
    await new CatalogChanges(platform.cache).publish({ hotelId, kind: 'booking' });
    await platform.edgePurging.settled();
    assert.equal(await xCache(`/hotels/${hotelId}`), 'HIT', 'bookings leave the page to its short TTL');

    await applyBulkRateChange(platform.database.db, context(), { roomTypeId: String(roomTypeId), from: night, to: night, stopSell: 'on' });
    await platform.edgePurging.settled();
    assert.equal(await xCache(`/hotels/${hotelId}`), 'MISS');
  });

  it('a hotel profile change purges the hotel’s pages, the searches and the areas list, and guests read the new name at once', async () => {
    const checkin = futureDate(7);
    const search = `/search?checkin=${checkin}&nights=1&rooms=1`;
    const pages = [`/hotels/${hotelId}`, search, '/', `/hotels/${otherHotelId}`];
    for (const path of pages) await xCache(path);
    for (const path of pages) assert.equal(await xCache(path), 'HIT', path);

    const profile = await getHotelProfile(platform.database.db, hotelId);
    await updateHotelProfile(platform.database.db, context(), { ...profile, nameJa: 'はたご 川辺', contactEmail: profile.contactEmail ?? '', serviceChargePercent: String(profile.serviceChargePercent) });
    await platform.edgePurging.settled();

    assert.equal(await xCache(search), 'MISS');
    assert.equal(await xCache('/'), 'MISS');
    assert.equal(await xCache(`/hotels/${otherHotelId}`), 'HIT');
    const page = await fetch(`${platform.url}/hotels/${hotelId}`);
    assert.equal(page.headers.get('x-cache'), 'MISS');
    assert.match(await page.text(), /<title>はたご 川辺 \| Hatago<\/title>/);
  });

  it('a table booking and its cancellation purge that restaurant’s page and answer, not other restaurants nor the search', async () => {
    const date = futureDate(9);
    const search = `/api/v1/restaurants?date=${date}&party=2`;
    const found = (await (await fetch(platform.url + search)).json()) as { items: Array<{ id: number; times: string[]; minPrice: number | null }> };
    const [booked, other] = found.items.filter((r) => r.minPrice !== null);
    const detail = (id: number) => `/api/v1/restaurants/${id}?date=${date}&party=2`;
    const day = (await (await fetch(platform.url + detail(booked!.id))).json()) as { courses: Array<{ id: number; pricePerPerson: number; seatOnly: boolean }> };
    const course = day.courses.find((c) => !c.seatOnly && c.pricePerPerson === booked!.minPrice)!;
    const page = (id: number) => `/restaurants/${id}?date=${date}&party=2`;
    const pages = [search, detail(booked!.id), detail(other!.id), page(booked!.id), page(other!.id)];
    for (const path of pages) await xCache(path);
    for (const path of pages) assert.equal(await xCache(path), 'HIT', path);

    const guest = { name: 'Edge Purge', email: 'edge-purge@example.com', phone: '090-0000-0000' };
    const res = await fetch(`${platform.url}/api/v1/restaurant-reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'edge-purge-table-1' },
      body: JSON.stringify({ restaurantId: booked!.id, courseId: course.id, date, time: booked!.times[0], party: 2, guest }),
    });
    const { code } = (await res.json()) as { code: string };
    assert.equal(res.status, 201);
    await platform.edgePurging.settled();
    assert.equal(await xCache(detail(booked!.id)), 'MISS', 'the booked restaurant’s seats are read again');
    assert.equal(await xCache(page(booked!.id)), 'MISS', 'its page too');
    assert.equal(await xCache(detail(other!.id)), 'HIT');
    assert.equal(await xCache(page(other!.id)), 'HIT');
    assert.equal(await xCache(search), 'HIT', 'searches live out their short TTL');

    assert.equal(await xCache(detail(booked!.id)), 'HIT');
    const cancel = await fetch(`${platform.url}/api/v1/reservations/${code}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: guest.email }),
    });
    await cancel.arrayBuffer();
    assert.equal(cancel.status, 200);
    await platform.edgePurging.settled();
    assert.equal(await xCache(detail(booked!.id)), 'MISS', 'the seats given back are shown at once');
  });

  it('a banner publish purges every page and API answer showing banners, and the home page shows it at once', async () => {
    const pages = ['/', '/?lang=en', `/hotels/${hotelId}`, '/api/v1/banners?lang=en'];
    for (const path of [...pages, '/api/v1/areas']) await xCache(path);
    for (const path of [...pages, '/api/v1/areas']) assert.equal(await xCache(path), 'HIT', path);

    const hero = { id: 'hero', slot: 'home-hero', image: 'https://images.example/a.jpg', link: '/', alt: { ja: '春', en: 'Spring' }, caption: { ja: '春の宿', en: 'Spring stays' } };
    const text = JSON.stringify({ banners: [{ ...hero, start: '2026-01-01T00:00:00+09:00', end: '2030-01-01T00:00:00+09:00', priority: 1 }] });
    await publishBannerDocument({ db: platform.database.db, changes: new BannerChanges(platform.cache) }, text, { actor: { id: 3, name: 'Demo Editor' }, requestId: 'edge-purge-banners' });
    await platform.edgePurging.settled();

    for (const path of pages.slice(1)) assert.equal(await xCache(path), 'MISS', path);
    assert.equal(await xCache('/api/v1/areas'), 'HIT', 'what shows no banner stays cached');
    const home = await fetch(`${platform.url}/`);
    assert.equal(home.headers.get('x-cache'), 'MISS');
    assert.match(await home.text(), /<span class="caption">春の宿<\/span>/);
  });
});
