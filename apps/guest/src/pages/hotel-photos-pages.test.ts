import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CatalogChanges, hotelGallery } from '@hatago/catalog';
import { addGalleryPhoto } from '@hatago/images';
import { sampleJpeg } from '@hatago/images/testing';
import { appUnderTest, futureDate } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';

describe('hotel photos on guest pages', () => {
  const ctx = appUnderTest(buildGuestApp);
  const hotelId = 1;
  const keys: string[] = [];

  before(async () => {
    const context = { hotelId, actor: { id: 0, name: 'test' }, requestId: 'photos-test', changes: new CatalogChanges(ctx.deps.cache) };
    for (const [width, altJa, altEn] of [[1000, '外観', 'The hotel from the garden'], [700, '客室', 'A guest room']] as const) {
      const photo = await addGalleryPhoto(hotelGallery(ctx.db.database.db, context), ctx.deps.storage, await sampleJpeg(width, 500), { altJa, altEn });
      keys.push(photo.imageKey);
    }
  });

  const imgs = (body: string) => [...body.matchAll(/<img [^>]*>/g)].map((m) => m[0]);

  it('shows every photo on the hotel page with srcset, sizes, its size and alt text in the page language', async () => {
    const page = await ctx.app.inject({ url: `/hotels/${hotelId}?lang=en` });
    assert.equal(page.statusCode, 200);
    const [cover = '', room = ''] = imgs(page.body);
    assert.ok(cover.includes(`src="/images/${keys[0]}?w=1280"`), cover);
    assert.ok(cover.includes(`srcset="/images/${keys[0]}?w=160 160w, `), cover);
    assert.ok(cover.includes(`/images/${keys[0]}?w=1280 1000w"`), 'the widest rendition is the image itself, never enlarged');
    assert.match(cover, /sizes="[^"]+"/);
    assert.match(cover, /width="1000" height="500"/);
    assert.match(cover, /alt="The hotel from the garden"/);
    assert.match(room, /alt="A guest room"/);
    assert.match(room, /loading="lazy"/);
    const ja = await ctx.app.inject({ url: `/hotels/${hotelId}` });
    assert.match(imgs(ja.body)[0]!, /alt="外観"/);
  });

  it('lists the photos as figures in a named gallery, loading only the first at once, in both languages', async () => {
    for (const [lang, label, alts] of [['en', 'Photos', ['The hotel from the garden', 'A guest room']], ['ja', '写真', ['外観', '客室']]] as const) {
      const page = await ctx.app.inject({ url: `/hotels/${hotelId}${lang === 'en' ? '?lang=en' : ''}` });
      const gallery = /<section class="gallery" aria-label="([^"]+)">\s*<ul role="list">([\s\S]*?)<\/ul>\s*<\/section>/.exec(page.body);
      assert.ok(gallery, lang);
      assert.equal(gallery[1], label);
      const items = [...gallery[2]!.matchAll(/<li[^>]*><figure>(<img [^>]*>)<\/figure><\/li>/g)].map((m) => m[1]!);
      assert.equal(items.length, 2, 'one figure per photo');
      items.forEach((img, i) => assert.ok(img.includes(`alt="${alts[i]}"`), img));
      assert.match(items[0]!, /fetchpriority="high"/);
      assert.doesNotMatch(items[0]!, /loading="lazy"/);
      assert.match(items[1]!, /loading="lazy"/);
      assert.match(items[1]!, /srcset="[^"]+ 160w, /);
    }
  });

  it('shows the first photo as the cover in search results', async () => {
    const page = await ctx.app.inject({ url: `/search?checkin=${futureDate(5)}&nights=1&guests=2&rooms=1&sort=recommended&lang=en` });
    assert.equal(page.statusCode, 200);
    const covers = imgs(page.body).filter((img) => img.includes('class="result-photo"'));
    assert.equal(covers.length, 1, 'one hotel has photos');
    assert.ok(covers[0]!.includes(`srcset="/images/${keys[0]}?w=160 160w`));
    assert.match(covers[0]!, /alt="The hotel from the garden"/);
  });

  it('serves every rendition the page links', async () => {
    const page = await ctx.app.inject({ url: `/hotels/${hotelId}?lang=en` });
    const urls = imgs(page.body).flatMap((img) => [...img.matchAll(/\/images\/[^ "]+/g)].map((m) => m[0]));
    assert.ok(urls.length >= 10);
    for (const url of new Set(urls)) {
      const res = await ctx.app.inject({ url, headers: { accept: 'image/webp' } });
      assert.equal(res.statusCode, 200, url);
    }
  });
});
