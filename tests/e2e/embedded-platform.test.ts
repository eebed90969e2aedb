import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmbeddedPlatform } from '@hatago/embedded';
import { futureDate } from '@hatago/test-support';

const logLevel = process.env.TEST_LOG_LEVEL ?? 'silent';

describe('embedded platform through the edge', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hatago-e2e-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('serves all three apps on one port, tags every response with a request id, and keeps data across a restart', async () => {
    const first = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', dataDir, seed: true, logLevel });
    let code: string;
    let hotelsBefore: number;
    try {
      const areas = await fetch(`${first.url}/api/v1/areas`);
      assert.equal(areas.status, 200);
      assert.match(areas.headers.get('x-request-id') ?? '', /^[A-Za-z0-9._-]{1,64}$/);
      const { items } = (await areas.json()) as { items: unknown[] };
      assert.ok(items.length >= 8, 'at least 8 areas seeded');

      for (const [url, marker] of [
        ['/facility/login', 'name="login"'],
        ['/operator/login', 'name="login"'],
        ['/', 'action="/search"'],
        ['/api/v1/openapi.json', '"/api/v1/reservations"'],
      ] as const) {
        const res = await fetch(first.url + url, { headers: { 'x-request-id': `e2e-${url.length}` } });
        assert.equal(res.status, 200, url);
        assert.equal(res.headers.get('x-request-id'), `e2e-${url.length}`);
        assert.ok((await res.text()).includes(marker), url);
      }

      const tooLarge = await fetch(`${first.url}/api/v1/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'e2e-too-large-1' },
        body: JSON.stringify({ guest: { name: 'x'.repeat(2 * 1024 * 1024) } }),
      });
      assert.equal(tooLarge.status, 413, 'a 2 MB body is refused, not reported as a failed backend');
      assert.equal(((await tooLarge.json()) as { status: number }).status, 413);

      const checkin = futureDate(9);
      const search = (await (await fetch(`${first.url}/api/v1/hotels?checkin=${checkin}&guests=2`)).json()) as {
        items: Array<{ id: number }>;
        total: number;
      };
      assert.ok(search.total >= 60, `at least 60 hotels, got ${search.total}`);
      hotelsBefore = search.total;
      const offer = (await (await fetch(`${first.url}/api/v1/hotels/${search.items[0]!.id}?checkin=${checkin}`)).json()) as {
        roomTypes: Array<{ plans: Array<{ id: number }> }>;
      };
      assert.ok(offer.roomTypes.length >= 2 && offer.roomTypes.length <= 5);
      const booked = await fetch(`${first.url}/api/v1/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'e2e-restart-0001' },
        body: JSON.stringify({
          planId: offer.roomTypes[0]!.plans[0]!.id,
          checkin,
          nights: 1,
          guests: 2,
          rooms: 1,
          acceptTerms: true,
          guest: { name: '再起動 確認', email: 'restart@example.com', phone: '090-0000-1111' },
        }),
      });
      assert.equal(booked.status, 201);
      code = ((await booked.json()) as { code: string }).code;
    } finally {
      await first.close();
    }

    const second = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', dataDir, seed: true, logLevel });
    try {
      const found = await fetch(`${second.url}/api/v1/reservations/${code}?email=restart@example.com`);
      assert.equal(found.status, 200);
      const hotels = (await (await fetch(`${second.url}/api/v1/hotels?checkin=${futureDate(9)}&guests=2`)).json()) as { total: number };
      assert.equal(hotels.total, hotelsBefore, 'the demo world was not seeded twice');
    } finally {
      await second.close();
    }
  });

  it('gives a data directory made before restaurants existed the demo restaurants on its next start', async () => {
    const oldDir = await mkdtemp(path.join(os.tmpdir(), 'hatago-e2e-before-restaurants-'));
    const restaurants = async (url: string) =>
      ((await (await fetch(`${url}/api/v1/restaurants?date=${futureDate(9)}&party=2`)).json()) as { total: number }).total;
    try {
      const before = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', dataDir: oldDir, seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 14 }, logLevel });
      try {
        assert.equal(await restaurants(before.url), 0, 'a world seeded without restaurants');
      } finally {
        await before.close();
      }
      const after = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', dataDir: oldDir, seed: { hotelsPerArea: 1, restaurantsPerArea: 1, days: 14 }, logLevel });
      try {
        assert.ok((await restaurants(after.url)) >= 5, 'the next start added the demo restaurants');
      } finally {
        await after.close();
      }
    } finally {
      await rm(oldDir, { recursive: true, force: true });
    }
  });
});
