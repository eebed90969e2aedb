import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogChanges, edgeKeysOf, getHotelFeatures, updateHotelFeatures } from '@hatago/catalog';
import { appUnderTest } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';

const collections = (body: string) =>
  [...body.matchAll(/<article class="card" aria-labelledby="[^"]+" data-testid="collection">([\s\S]*?)<\/article>/g)].map((m) => m[1]!);
const hotelLinks = (card: string) => [...card.matchAll(/<li><a href="\/hotels\/(\d+)[^"]*">/g)].map((m) => Number(m[1]));

describe('the home page’s featured areas and seasonal collections', () => {
  // the test world: two hotels in each of ten areas, a city hotel and a ryokan
  const ctx = appUnderTest(buildGuestApp);
  const get = (url: string) => ctx.app.inject({ url });

  it('features areas with their number of hotels, each a link to the search in it, in Japanese', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    const areas = [...res.body.matchAll(/<li><a href="([^"]+)" data-testid="featured-area"><strong>([^<]+)<\/strong> <span class="muted">([^<]+)<\/span><\/a><\/li>/g)];
    assert.equal(areas.length, 6);
    assert.deepEqual(areas[0]!.slice(1), ['/search?area=tokyo', '東京', '2軒の宿']);
    assert.match(res.body, /<h2 id="featured-areas">人気のエリア<\/h2>/);
    assert.ok(res.body.indexOf('id="featured-areas"') > res.body.indexOf('action="/restaurants"'), 'below the search forms and banners');
  });

  it('shows the onsen and club lounge collections, each linking to the search filtered by its amenity, in English', async () => {
    const res = await get('/?lang=en');
    const [onsen = '', lounge = ''] = collections(res.body);
    assert.match(onsen, /<h3 id="collection-winter-onsen">Onsen stays for winter <span class="muted">14 hotels<\/span><\/h3>/);
    assert.ok(onsen.includes('href="/search?amenities=onsen&amp;lang=en">See every “Onsen stays for winter” stay</a>'), onsen);
    assert.equal(hotelLinks(onsen).length, 4);
    assert.match(lounge, /Club lounge stays for the holidays <span class="muted">4 hotels<\/span>/);
    assert.ok(lounge.includes('href="/search?amenities=club-lounge&amp;lang=en"'));
    assert.match(res.body, /<a href="\/search\?area=tokyo&amp;lang=en" data-testid="featured-area"><strong>Tokyo<\/strong> <span class="muted">2 hotels<\/span>/);
    // the collection's link finds what it promises
    const search = await get('/search?amenities=club-lounge&lang=en');
    assert.equal(search.statusCode, 200);
  });

  it('is purged at the edge by a hotel change that alters it, and shows the change at once; a price change leaves it cached', async () => {
    const home = await get('/?lang=en');
    const keys = String(home.headers['surrogate-key']).split(' ');
    const [, lounge = ''] = collections(home.body);
    const shown = hotelLinks(lounge)[0]!;
    const change = { hotelId: shown, kind: 'hotel' } as const;
    assert.ok(edgeKeysOf(change).some((key) => keys.includes(key)), `a change to hotel ${shown} purges ${keys.join(' ')}`);
    assert.ok(!edgeKeysOf({ hotelId: shown, kind: 'prices' }).some((key) => keys.includes(key)), 'prices do not empty the home page');
    assert.ok(!edgeKeysOf({ hotelId: shown, kind: 'booking' }).some((key) => keys.includes(key)));

    const context = { hotelId: shown, actor: { id: 0, name: 'test' }, requestId: 'showcase-test', changes: new CatalogChanges(ctx.deps.cache) };
    const features = await getHotelFeatures(ctx.db.database.db, shown);
    await updateHotelFeatures(ctx.db.database.db, context, {
      amenities: features.amenities.filter((a) => a !== 'club-lounge'),
      childrenMinAge: String(features.childrenMinAge),
      smoking: features.smoking,
      accessJa: features.accessJa,
      accessEn: features.accessEn,
    });
    const after = collections((await get('/?lang=en')).body)[1] ?? '';
    assert.match(after, /<span class="muted">3 hotels<\/span>/);
    assert.ok(!hotelLinks(after).includes(shown), 'the hotel left the collection');
  });
});
