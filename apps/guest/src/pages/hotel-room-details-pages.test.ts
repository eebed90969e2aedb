import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { hotelNamespace } from '@hatago/catalog';
import { appUnderTest, futureDate } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';

/** The room type cards of a hotel page, one string each. */
const roomCards = (body: string) => [...body.matchAll(/<section class="card" data-testid="room-type">[\s\S]*?<\/section>/g)].map((m) => m[0]);
const facts = (card: string) =>
  Object.fromEntries([...card.matchAll(/<div><dt>([^<]+)<\/dt><dd>([^<]+)<\/dd><\/div>/g)].map((m) => [m[1]!, m[2]!]));

describe('room details on the hotel page', () => {
  const ctx = appUnderTest(buildGuestApp);
  const stay = `checkin=${futureDate(6)}&nights=1&guests=2&rooms=1`;
  const page = (hotelId: number, lang?: 'en') => ctx.app.inject({ url: `/hotels/${hotelId}?${stay}${lang ? `&lang=${lang}` : ''}` });

  it('names each room’s capacity, size, beds and view, with its description, in English', async () => {
    // the demo's hotel 1 is a city hotel in Tokyo
    const res = await page(1, 'en');
    assert.equal(res.statusCode, 200);
    const [twin] = roomCards(res.body);
    assert.ok(twin, 'a room type is shown');
    assert.deepEqual(facts(twin), { Sleeps: 'Up to 2 guests', Size: '38 m²', Beds: 'Twin beds', View: 'City view' });
    assert.match(twin, /<p>A room with two beds\. The city lights are yours at night\.<\/p>/);
  });

  it('says the same in Japanese, a ryokan’s futons on tatami over its garden', async () => {
    // hotel 2 is the demo's ryokan in Tokyo
    const res = await page(2);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="ja">/);
    const cards = roomCards(res.body);
    assert.ok(cards.length >= 2);
    for (const card of cards) {
      const shown = facts(card);
      assert.equal(shown['ベッド'], '和室(畳に布団)', card);
      assert.equal(shown['眺望'], '庭園側', card);
      assert.match(shown['定員']!, /^定員\d名$/);
      assert.match(shown['広さ']!, /^\d+㎡$/);
      assert.match(card, /<p>畳の和室で、夜は布団をお敷きします。[^<]*庭園に面しています。<\/p>/);
    }
  });

  it('leaves out what a hotel has not stated, and an empty description', async () => {
    await sql`update room_types set bed_type = null, room_view = null, description_en = '' where hotel_id = 3`.execute(ctx.db.database.db);
    // written around the console, so the test drops the hotel's cached offers itself
    await ctx.deps.cache.publishInvalidation({ namespaces: [hotelNamespace(3)], event: { type: 'test' } });
    const [card = ''] = roomCards((await page(3, 'en')).body);
    assert.deepEqual(Object.keys(facts(card)), ['Sleeps', 'Size']);
    assert.ok(!/<p><\/p>/.test(card), card);
  });
});
