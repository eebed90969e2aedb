import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appUnderTest, futureDate, METRICS_AUTH } from '@hatago/test-support';
import { HTTP_LATENCY_BUCKETS } from '../../../config/slo.ts';
import { buildGuestApp } from './guest-app.ts';

/** Every series of one metric family in the Prometheus text the app serves. */
const seriesOf = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
const valueOf = (text: string, series: string) => Number(text.split('\n').find((line) => line.startsWith(`${series} `))?.split(' ')[1] ?? NaN);

describe('guest metrics', () => {
  const ctx = appUnderTest(buildGuestApp);
  const checkin = futureDate(20);
  const scrape = async () => (await ctx.app.inject({ url: '/metrics', headers: METRICS_AUTH })).body;

  it('keeps one series per route template and status however many distinct URLs arrive', async () => {
    const before = seriesOf(await scrape(), 'http_request_duration_seconds_count').length;
    // 400 distinct URLs: hotel ids that exist and do not, unknown paths, query strings, codes
    for (let i = 0; i < 100; i++) {
      await ctx.app.inject({ url: `/api/v1/hotels/${i + 1}?checkin=${checkin}&nights=1&guests=2&rooms=1&utm=${i}` });
      await ctx.app.inject({ url: `/no-such-page/${i}/${Math.random()}` });
      await ctx.app.inject({ url: `/api/v1/reservations/HT${1000 + i}?email=x${i}@example.com` });
      await ctx.app.inject({ url: `/hotels/${i * 7919}` });
    }
    const text = await scrape();
    const series = seriesOf(text, 'http_request_duration_seconds_count');
    // a handful of (route, status) pairs per route, not one per URL
    assert.ok(series.length - before <= 12, `${series.length - before} new series for 400 URLs:\n${series.join('\n')}`);
    assert.ok(series.every((line) => !/route="[^"]*\d{2,}/.test(line)), 'no id in a route label');
    assert.ok(series.some((line) => line.includes('route="/api/v1/hotels/:id"')));
    assert.ok(series.some((line) => line.includes('route="unmatched"') && line.includes('status="404"')));
    // business and database families stay as small: labels are vertical, channel, operation
    assert.ok(seriesOf(text, 'hatago_hotel_views_total').length <= 2);
    assert.ok(seriesOf(text, 'db_query_duration_seconds_count').length <= 6);
  });

  it('counts business events once: searches, hotel views, bookings (not their replays)', async () => {
    const views = 'hatago_hotel_views_total{vertical="hotel",channel="api"}';
    const searches = 'hatago_searches_total{vertical="hotel",channel="api"}';
    const bookings = 'hatago_bookings_total{vertical="hotel",channel="api"}';
    const start = await scrape();
    const search = await ctx.app.inject({ url: `/api/v1/hotels?area=kyoto&checkin=${checkin}&nights=1&guests=2&rooms=1` });
    const hotel = search.json().items[0];
    const detail = (await ctx.app.inject({ url: `/api/v1/hotels/${hotel.id}?checkin=${checkin}&nights=1&guests=2&rooms=1` })).json();
    const plan = detail.roomTypes.find((rt: { available: number }) => rt.available > 0).plans[0];
    const book = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/reservations',
        headers: { 'idempotency-key': 'metrics-booking-1' },
        payload: { planId: plan.id, checkin, nights: 1, guests: 2, rooms: 1, acceptTerms: true, guest: { name: '佐藤 花子', email: 'hanako@example.com', phone: '+81 90 1234 5678' } },
      });
    assert.equal((await book()).statusCode, 201);
    assert.equal((await book()).headers['idempotent-replayed'], 'true');
    const end = await scrape();
    const delta = (series: string) => valueOf(end, series) - (valueOf(start, series) || 0);
    assert.deepEqual([delta(searches), delta(views), delta(bookings)], [1, 1, 1]);
    assert.ok(valueOf(end, 'db_query_duration_seconds_count{operation="insert"}') > 0, 'SQL statements are timed');
  });

  it('uses the latency buckets derived from the SLOs', async () => {
    const les = seriesOf(await scrape(), 'http_request_duration_seconds_bucket')
      .filter((line) => line.includes('route="/api/v1/hotels/:id"') && line.includes('status="200"'))
      .map((line) => /le="([^"]+)"/.exec(line)![1]);
    assert.deepEqual(les, [...HTTP_LATENCY_BUCKETS.map(String), '+Inf']);
  });
});
