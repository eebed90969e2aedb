import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CatalogChanges, hotelGallery } from '@hatago/catalog';
import { type FlagEnvironmentRule, visitorBucket } from '@hatago/flags';
import { addGalleryPhoto } from '@hatago/images';
import { sampleJpeg } from '@hatago/images/testing';
import { appUnderTest, defineFlag, futureDate } from '@hatago/test-support';
import { FLAG_KEYS } from '../features/flag-keys.ts';
import { buildGuestApp } from '../guest-app.ts';

const KEY = FLAG_KEYS.newSearch;
const SEARCH = `/search?checkin=${futureDate(5)}&nights=1&guests=2&rooms=1`;
const PRIVATE = 'private, no-store';

const designOf = (body: string) => body.match(/data-design="(\w+)"/)?.[1];
// a card holds a list of its amenities: it ends where the next card or the grid does
const cards = (body: string) => [...body.matchAll(/<li class="grid-card" data-testid="hotel-result">([\s\S]*?)<\/li>(?=<li class="grid-card"|<\/ol>)/g)].map((m) => m[1]!);
const prices = (body: string) => [...body.matchAll(/class="price">¥([\d,]+)</g)].map((m) => Number(m[1]!.replace(/,/g, '')));
// visitor ids of ours, on either side of a 50 % split of this flag
const visitors = Array.from({ length: 40 }, (_, n) => `visitor-${String(n).padStart(12, '0')}`);
const inSplit = visitors.find((id) => visitorBucket(KEY, id) < 5000)!;
const outOfSplit = visitors.find((id) => visitorBucket(KEY, id) >= 5000)!;

describe('hotel search designs behind the new-search flag', () => {
  const ctx = appUnderTest(buildGuestApp);
  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });
  let photoKey = '';

  /** The flag as an operator would leave it for this app's environment (development), announced as every change is. */
  /** The flag as an operator would leave it for this app's environment (development). */
  const defineRule = (rule: Partial<FlagEnvironmentRule>) =>
    defineFlag(ctx.db.database.db, ctx.deps.cache, {
      key: KEY,
      description: 'photo grid search results',
      owner: 'design@hatago.example',
      expiresOn: '2027-03-31',
      environments: { development: { enabled: true, percent: 0, allow: [KEY], ...rule } },
    });

  const assertPage = async (url: string, headers: Record<string, string>, expected: { design: 'grid' | 'list'; cache: 'public' | 'private' }) => {
    const res = await get(url, headers);
    const what = `${url} ${JSON.stringify(headers)}`;
    assert.equal(res.statusCode, 200, what);
    assert.equal(designOf(res.body), expected.design, what);
    if (expected.cache === 'public') {
      assert.match(String(res.headers['cache-control']), /^public, max-age=\d+/, what);
      assert.match(String(res.headers['surrogate-key']), /search/, what);
    } else {
      assert.equal(res.headers['cache-control'], PRIVATE, what);
      assert.equal(res.headers['surrogate-key'], undefined, what);
    }
    assert.equal(res.headers['set-cookie'], undefined, what);
    return res.body;
  };

  before(async () => {
    const context = { hotelId: 1, actor: { id: 0, name: 'test' }, requestId: 'grid-test', changes: new CatalogChanges(ctx.deps.cache) };
    const photo = await addGalleryPhoto(hotelGallery(ctx.db.database.db, context), ctx.deps.storage, await sampleJpeg(1200, 800), {
      altJa: '庭から見た宿',
      altEn: 'The hotel from the garden',
    });
    photoKey = photo.imageKey;
  });

  it('shows the list as before while the flag is undefined or off, to every visitor, publicly cached', async () => {
    const undefinedFlag = await assertPage(SEARCH, {}, { design: 'list', cache: 'public' });
    assert.ok(!undefinedFlag.includes('.result-grid{'), 'no grid styles');
    await defineRule({ percent: 0 });
    await assertPage(SEARCH, {}, { design: 'list', cache: 'public' });
    await assertPage(SEARCH, { cookie: `hatago_vid=${inSplit}` }, { design: 'list', cache: 'public' });
    await assertPage(`${SEARCH}&preview=something-else`, {}, { design: 'list', cache: 'public' });
  });

  it('shows the grid for a preview by query or header, kept out of shared caches, and sorting and paging keep the preview', async () => {
    await defineRule({ percent: 0 });
    const body = await assertPage(`${SEARCH}&preview=${KEY}`, {}, { design: 'grid', cache: 'private' });
    assert.match(body, new RegExp(`<form class="sort-form"[^>]*>[\\s\\S]*?<input type="hidden" name="preview" value="${KEY}">[\\s\\S]*?</form>`), 'sorting keeps it');
    assert.match(body, new RegExp(`rel="next" href="/search\\?checkin=[^"]*page=2&amp;preview=${KEY}"`));
    assert.match(body, new RegExp(`<input type="hidden" name="preview" value="${KEY}">`), 'a new search keeps it too');
    await assertPage(`${SEARCH}&page=2&preview=${KEY}`, {}, { design: 'grid', cache: 'private' });
    await assertPage(SEARCH, { 'x-hatago-preview': `qa, ${KEY}` }, { design: 'grid', cache: 'private' });
  });

  it('follows the edge decision header over previews and percentages, keeping public caching', async () => {
    await defineRule({ percent: 0 });
    await assertPage(SEARCH, { 'hatago-flags': `another-flag,${KEY}` }, { design: 'grid', cache: 'public' });
    await assertPage(`${SEARCH}&preview=${KEY}`, { 'hatago-flags': '' }, { design: 'list', cache: 'public' });
    await defineRule({ percent: 100 });
    await assertPage(SEARCH, { 'hatago-flags': 'another-flag', 'x-hatago-preview': KEY }, { design: 'list', cache: 'public' });
    await defineRule({ percent: 50 });
    await assertPage(SEARCH, { 'hatago-flags': KEY, cookie: `hatago_vid=${outOfSplit}` }, { design: 'grid', cache: 'public' });
    await assertPage(SEARCH, { 'hatago-flags': '', cookie: `hatago_vid=${inSplit}` }, { design: 'list', cache: 'public' });
  });

  it('shows the grid to everyone at 100 %, publicly cached: the page depends on no visitor', async () => {
    await defineRule({ percent: 100 });
    await assertPage(SEARCH, {}, { design: 'grid', cache: 'public' });
    await assertPage(SEARCH, { cookie: `hatago_vid=${outOfSplit}` }, { design: 'grid', cache: 'public' });
  });

  it('splits by the visitor cookie and keeps every page of a split out of shared caches, a first visit included', async () => {
    await defineRule({ percent: 50 });
    await assertPage(SEARCH, { cookie: `hatago_vid=${inSplit}` }, { design: 'grid', cache: 'private' });
    await assertPage(SEARCH, { cookie: `hatago_vid=${outOfSplit}` }, { design: 'list', cache: 'private' });
    await assertPage(SEARCH, {}, { design: 'list', cache: 'private' });
    await assertPage(SEARCH, { cookie: 'hatago_vid=<not-ours>' }, { design: 'list', cache: 'private' });
  });

  it('shows the list to everyone once killed, previews included, publicly cached again', async () => {
    await defineRule({ enabled: false, percent: 100 });
    await assertPage(`${SEARCH}&preview=${KEY}`, {}, { design: 'list', cache: 'public' });
    await assertPage(SEARCH, { 'x-hatago-preview': KEY, cookie: `hatago_vid=${inSplit}` }, { design: 'list', cache: 'public' });
  });

  it('draws each hotel as a card: large photo with srcset and alt text, name linking to the stay, area, class, price and a call to action', async () => {
    await defineRule({ percent: 100 });
    const en = await assertPage(`${SEARCH}&lang=en`, {}, { design: 'grid', cache: 'public' });
    assert.ok(en.includes('.result-grid{'), 'the grid brings its styles');
    const all = cards(en);
    assert.equal(all.length, 10);
    const withPhoto = all.filter((card) => card.includes(`/images/${photoKey}`));
    assert.equal(withPhoto.length, 1, 'hotel 1 has a photo');
    const photo = withPhoto[0]!.match(/<img [^>]*>/)![0];
    assert.match(photo, /class="grid-photo"/);
    assert.match(photo, new RegExp(`src="/images/${photoKey}\\?w=640" srcset="/images/${photoKey}\\?w=160 160w, `));
    assert.match(photo, /sizes="[^"]*100vw" width="1200" height="800" alt="The hotel from the garden"/);
    for (const card of all) {
      assert.match(card, /<h2><a class="grid-link" href="\/hotels\/\d+\?checkin=[\d-]+&amp;nights=1&amp;guests=2&amp;rooms=1&amp;lang=en">[^<]+<\/a><\/h2>/);
      assert.match(card, /<span class="stars" role="img" aria-label="\d-star">★+<\/span>/);
      assert.match(card, /Total from <span class="price">¥[\d,]+<\/span>/);
      assert.match(card, /<span class="button" aria-hidden="true">See rooms and prices<\/span>/);
      assert.equal((card.match(/<a /g) ?? []).length, 1, 'one link, one stop for the keyboard');
      if (!card.includes('<img ')) assert.match(card, /<div class="grid-photo" aria-hidden="true"><\/div>/);
    }
    assert.match(cards(en)[0]!, /<h2>[\s\S]*<\/h2>[\s\S]*class="grid-photo"/, 'the heading comes first, the photo is moved up by the styles');

    const ja = await assertPage(`${SEARCH}&sort=price`, {}, { design: 'grid', cache: 'public' });
    assert.match(ja, /<html lang="ja">/);
    assert.match(ja, /aria-label="\dつ星"/);
    assert.match(ja, /空室と料金を見る/);
    const byPrice = prices(ja);
    assert.equal(byPrice.length, 10);
    assert.deepEqual(byPrice, [...byPrice].sort((a, b) => a - b), 'sorting works in the grid');

    const kyoto = await assertPage(`${SEARCH}&area=kyoto&page=1`, {}, { design: 'grid', cache: 'public' });
    assert.equal(cards(kyoto).length, 2, 'the area filter works in the grid');
    const second = await assertPage(`${SEARCH}&page=2`, {}, { design: 'grid', cache: 'public' });
    assert.equal(cards(second).length, 10, 'paging works in the grid');
  });
});
