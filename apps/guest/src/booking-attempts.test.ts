import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appUnderTest, futureDate, METRICS_AUTH } from '@hatago/test-support';
import { buildGuestApp } from './guest-app.ts';

const guest = { name: '佐藤 花子', nameLatin: 'Hanako Sato', email: 'hanako@example.com', phone: '+81 90 1234 5678' };

describe('guest catalogue caching and booking limits', () => {
  const ctx = appUnderTest((deps) => buildGuestApp({ ...deps, bookingAttemptsPerMinute: 3 }));
  const checkin = futureDate(20);
  const stay = `checkin=${checkin}&nights=2&guests=2&rooms=1`;
  const from = (client: string) => ({ 'x-forwarded-for': client });

  async function aRoom() {
    const search = await ctx.app.inject({ url: `/api/v1/hotels?area=kyoto&${stay}` });
    const hotelId: number = search.json().items[0].id;
    const offer = async () => (await ctx.app.inject({ url: `/api/v1/hotels/${hotelId}?${stay}` })).json();
    const roomType = (await offer()).roomTypes.find((rt: { available: number }) => rt.available > 1);
    return { hotelId, offer, roomTypeId: roomType.id as number, planId: roomType.plans[0].id as number };
  }
  const cacheHits = async () => {
    const text = (await ctx.app.inject({ url: '/metrics', headers: METRICS_AUTH })).body;
    return Number(/cache_reads_total\{backend="memory",outcome="hit"\} (\d+)/.exec(text)?.[1] ?? 0);
  };

  it("serves hotel data from the cache, and a booking drops the hotel's copy at once", async () => {
    const { offer, roomTypeId, planId } = await aRoom();
    const availableOf = async () => (await offer()).roomTypes.find((rt: { id: number }) => rt.id === roomTypeId).available as number;
    const before = await availableOf();
    const hits = await cacheHits();
    assert.equal(await availableOf(), before);
    assert.ok((await cacheHits()) > hits, 'the second read came from the cache');

    const booked = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: { 'idempotency-key': 'cache-drop-0001', ...from('192.0.2.10') },
      payload: { planId, checkin, nights: 2, guests: 2, rooms: 1, guest, acceptTerms: true },
    });
    assert.equal(booked.statusCode, 201, booked.body);
    assert.equal(await availableOf(), before - 1, 'the next read shows the room taken');
  });

  it('refuses the API booking attempts of one client past the limit with 429 problem+json, not those of others', async () => {
    const attempt = (client: string, i: number) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/reservations',
        headers: { 'idempotency-key': `limit-${client}-${i}`, ...from(client) },
        payload: { planId: 2147483000, checkin, nights: 2, guests: 2, rooms: 1, guest, acceptTerms: true },
      });
    for (let i = 0; i < 3; i++) assert.equal((await attempt('192.0.2.20', i)).statusCode, 404);
    const refused = await attempt('192.0.2.20', 3);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(refused.json().code, 'BOOKING_THROTTLED');
    assert.equal((await attempt('192.0.2.21', 0)).statusCode, 404, 'another client is not held back');
  });

  it('answers the booking form past the limit with the confirm page and an explanation, status 429', async () => {
    const { planId } = await aRoom();
    const fields = { planId: String(planId), checkin, nights: '2', guests: '2', rooms: '1', ...guest, acceptTerms: 'yes', lang: 'en' };
    const post = (i: number) =>
      ctx.app.inject({
        method: 'POST',
        url: '/book',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...from('192.0.2.30') },
        payload: new URLSearchParams({ ...fields, email: 'not-an-email', idempotencyKey: `form-limit-${i}` }).toString(),
      });
    for (let i = 0; i < 3; i++) assert.equal((await post(i)).statusCode, 422);
    const refused = await post(3);
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /Too many booking attempts from your address/);
    assert.match(refused.body, /role="alert"/);
  });
});
