import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DiningChanges, restaurantGallery } from '@hatago/dining';
import { addGalleryPhoto } from '@hatago/images';
import { sampleJpeg } from '@hatago/images/testing';
import { appUnderTest, futureDate } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';

describe('restaurant photos on guest pages', () => {
  const ctx = appUnderTest(buildGuestApp);
  const search = `/restaurants?date=${futureDate(10)}&party=2`;
  let restaurantId = 0;
  const keys: string[] = [];

  before(async () => {
    const found = await ctx.app.inject({ url: search });
    restaurantId = Number(/href="\/restaurants\/(\d+)/.exec(found.body)?.[1]);
    assert.ok(restaurantId > 0, 'the search lists a restaurant');
    const context = { db: ctx.db.database.db, changes: new DiningChanges(ctx.deps.cache), restaurantId, actor: { id: 0, name: 'test' }, requestId: 'photos-test' };
    for (const [width, altJa, altEn] of [[1200, '店内', 'The counter'], [640, 'お料理', 'The first course']] as const) {
      keys.push((await addGalleryPhoto(restaurantGallery(context), ctx.deps.storage, await sampleJpeg(width, 480), { altJa, altEn })).imageKey);
    }
  });

  const imgs = (body: string) => [...body.matchAll(/<img [^>]*>/g)].map((m) => m[0]);

  it('shows the gallery on the restaurant page with srcset, sizes, its size and alt text in the page language', async () => {
    const page = await ctx.app.inject({ url: `/restaurants/${restaurantId}?lang=en` });
    assert.equal(page.statusCode, 200);
    const [cover = '', course = ''] = imgs(page.body);
    assert.ok(cover.includes(`srcset="/images/${keys[0]}?w=160 160w, `), cover);
    assert.match(cover, /sizes="[^"]+"/);
    assert.match(cover, /width="1200" height="480"/);
    assert.match(cover, /alt="The counter"/);
    assert.match(course, /alt="The first course"/);
    assert.match(course, /loading="lazy"/);
    const ja = await ctx.app.inject({ url: `/restaurants/${restaurantId}` });
    assert.match(imgs(ja.body)[0]!, /alt="店内"/);
  });

  it('shows the first photo as the cover in restaurant search results, only for restaurants with photos', async () => {
    const en = await ctx.app.inject({ url: `${search}&lang=en` });
    const covers = imgs(en.body).filter((img) => img.includes('class="result-photo"'));
    assert.equal(covers.length, 1, 'one restaurant has photos');
    assert.ok(covers[0]!.includes(`srcset="/images/${keys[0]}?w=160 160w`), covers[0]);
    assert.match(covers[0]!, /width="1200" height="480"/);
    assert.match(covers[0]!, /alt="The counter"/);
    const ja = await ctx.app.inject({ url: search });
    assert.match(imgs(ja.body).find((img) => img.includes('result-photo'))!, /alt="店内"/);
  });
});
