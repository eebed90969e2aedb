import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { formatOfBytes } from '@hatago/images/testing';
import { futureDate } from '@hatago/test-support';
import { type EmbeddedPlatform, startEmbeddedPlatform } from './embedded-platform.ts';

/**
 * The whole image path as `npm start` runs it: demo photos seeded through the images module,
 * linked from the hotel and restaurant pages, rendered by the guest app and kept by the edge once per
 * format class, whatever Accept each browser sends.
 */
describe('images through the edge (embedded platform)', () => {
  let platform: EmbeddedPlatform;
  let hotelId: number;
  let key: string;

  before(async () => {
    platform = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', seed: { hotelsPerArea: 1, restaurantsPerArea: 1, days: 2 }, logLevel: 'silent' });
    const { rows } = await sql<{ hotel_id: number; image_key: string }>`
      select hotel_id, image_key from hotel_photos order by hotel_id, position limit 1`.execute(platform.database.db);
    ({ hotel_id: hotelId, image_key: key } = rows[0]!);
  });
  after(() => platform.close());

  const image = async (accept: string | undefined, width = 480) => {
    const res = await fetch(`${platform.url}/images/${key}?w=${width}`, { headers: accept === undefined ? {} : { accept } });
    return { status: res.status, cache: res.headers.get('x-cache'), format: formatOfBytes(Buffer.from(await res.arrayBuffer())) };
  };

  it('links the seeded photos from the hotel page with srcset', async () => {
    const page = await fetch(`${platform.url}/hotels/${hotelId}?lang=en`).then((res) => res.text());
    assert.ok(page.includes(`srcset="/images/${key}?w=160 160w`), 'the cover photo');
    assert.equal([...page.matchAll(/<img /g)].length, 3, 'three demo photos');
  });

  it('links the seeded restaurant photos from the restaurant page, and covers from restaurant search, and serves them', async () => {
    const { rows } = await sql<{ restaurant_id: number; image_key: string }>`
      select restaurant_id, image_key from restaurant_photos order by restaurant_id, position limit 1`.execute(platform.database.db);
    const { restaurant_id: restaurantId, image_key: cover } = rows[0]!;
    const page = await fetch(`${platform.url}/restaurants/${restaurantId}?lang=en`).then((res) => res.text());
    assert.ok(page.includes(`srcset="/images/${cover}?w=160 160w`), 'the cover photo');
    assert.equal([...page.matchAll(/<img /g)].length, 2, 'two demo photos');
    const search = await fetch(`${platform.url}/restaurants?date=${futureDate(1)}&party=2&lang=en`).then((res) => res.text());
    assert.ok([...search.matchAll(/<img [^>]*class="result-photo"/g)].length > 0, 'results show covers');
    const res = await fetch(`${platform.url}/images/${cover}?w=320`, { headers: { accept: 'image/webp' } });
    assert.equal(res.status, 200);
    assert.equal(formatOfBytes(Buffer.from(await res.arrayBuffer())), 'webp');
  });

  it('renders each format class once and answers every browser of that class from the edge', async () => {
    const answers = [
      ['image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8', 'MISS', 'avif'],
      ['image/avif,image/webp,*/*', 'HIT', 'avif'],
      ['image/webp,*/*', 'MISS', 'webp'],
      ['image/avif;q=0,image/webp', 'HIT', 'webp'],
      ['image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5', 'MISS', 'jpeg'],
      [undefined, 'HIT', 'jpeg'],
    ] as const;
    for (const [accept, cache, format] of answers) {
      assert.deepEqual(await image(accept), { status: 200, cache, format }, String(accept));
    }
    assert.deepEqual(await image('image/webp', 960), { status: 200, cache: 'MISS', format: 'webp' }, 'another width, another entry');
    assert.equal((await image('image/webp', 500)).status, 400);
  });
});
