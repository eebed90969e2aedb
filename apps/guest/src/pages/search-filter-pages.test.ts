import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { appUnderTest, defineFlag, futureDate } from '@hatago/test-support';
import { FLAG_KEYS } from '../features/flag-keys.ts';
import { buildGuestApp } from '../guest-app.ts';

const STAY = `checkin=${futureDate(6)}&nights=1&guests=2&rooms=1`;
const unescape = (value: string) => value.replace(/&amp;/g, '&');
const count = (body: string, needle: string) => body.split(needle).length - 1;
const prices = (body: string) => [...body.matchAll(/data-testid="hotel-result"[\s\S]*?class="price">¥([\d,]+)</g)].map((m) => Number(m[1]!.replace(/,/g, '')));
const filterForm = (body: string) => body.match(/<form class="filters"[\s\S]*?<\/form>/)?.[0] ?? '';
/** The checkbox of one filter value, with its label's text, or undefined when the panel has none. */
const checkbox = (body: string, name: string, value: string) =>
  filterForm(body).match(new RegExp(`<label class="option"><input type="checkbox" name="${name}" value="${value}"( checked)?> <span>([\\s\\S]*?)</span> <span class="count">([^<]*)</span></label>`));

describe('hotel search filters and sorts on the search page', () => {
  const ctx = appUnderTest(buildGuestApp);
  const get = (url: string) => ctx.app.inject({ method: 'GET', url });

  it('offers a labelled filter panel with counts, in both languages, works as a plain GET form', async () => {
    const ja = await get(`/search?${STAY}`);
    assert.equal(ja.statusCode, 200);
    const panel = filterForm(ja.body);
    assert.match(panel, /^<form class="filters" method="get" action="\/search" aria-labelledby="filters-heading">/);
    assert.match(panel, /<h2 id="filters-heading">条件で絞り込む<\/h2>/);
    assert.match(panel, /<a href="#results">検索結果へ移動<\/a>/, 'a phone need not scroll past the panel');
    assert.match(ja.body, /<div id="results">/);
    for (const legend of ['ご宿泊の合計料金（円・税込）', '星の数', '食事', '施設・サービス（すべてを満たす宿）']) assert.ok(panel.includes(`<legend>${legend}</legend>`), legend);
    assert.match(panel, /<label class="">下限<input name="minPrice" type="number"/);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from hotel_amenities where amenity = 'onsen'`.execute(ctx.db.database.db);
    const onsen = checkbox(ja.body, 'amenities', 'onsen');
    assert.ok(onsen && !onsen[1] && onsen[2] === '温泉' && onsen[3] === `${rows[0]!.n}件`, onsen?.[0]);
    assert.match(checkbox(ja.body, 'meals', 'half_board')![2]!, /朝食・夕食付き/);
    assert.match(ja.body, /<select name="sort">/);

    const en = await get(`/search?${STAY}&lang=en`);
    assert.match(filterForm(en.body), /<h2 id="filters-heading">Narrow your search<\/h2>/);
    assert.equal(checkbox(en.body, 'amenities', 'club-lounge')![2], 'Club lounge');
    assert.match(checkbox(en.body, 'stars', '5')![3]!, /^\d+ hotels?$/);
    assert.match(filterForm(en.body), /<input type="hidden" name="lang" value="en">/);
  });

  it('narrows by the chosen filters, keeps them checked and on every link and form, and shows amenities on each card', async () => {
    const res = await get(`/search?${STAY}&amenities=onsen&amenities=restaurant&stars=5&lang=en`);
    assert.equal(res.statusCode, 200);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from hotels h where h.stars = 5
        and exists (select 1 from hotel_amenities a where a.hotel_id = h.id and a.amenity = 'onsen')
        and exists (select 1 from hotel_amenities a where a.hotel_id = h.id and a.amenity = 'restaurant')`.execute(ctx.db.database.db);
    assert.ok(rows[0]!.n > 0);
    assert.match(res.body, new RegExp(`${rows[0]!.n} hotels? found`));
    assert.equal(count(res.body, 'data-testid="hotel-result"'), Math.min(rows[0]!.n, 10));
    const cards = res.body.split('data-testid="hotel-result"').slice(1);
    assert.ok(cards.every((card) => /<ul class="amenity-tags" aria-label="Amenities"><li>Hot spring \(onsen\)<\/li>/.test(card)));
    assert.ok(checkbox(res.body, 'amenities', 'onsen')![1] && checkbox(res.body, 'stars', '5')![1]);
    assert.ok(!checkbox(res.body, 'stars', '4')![1]);
    const sortForm = res.body.match(/<form class="sort-form"[\s\S]*?<\/form>/)![0];
    for (const kept of ['name="amenities" value="onsen"', 'name="amenities" value="restaurant"', 'name="stars" value="5"']) assert.ok(sortForm.includes(kept), kept);
    const stayForm = res.body.match(/<form class="inline"[\s\S]*?<\/form>/)![0];
    assert.ok(stayForm.includes('name="amenities" value="onsen"'), 'a new stay keeps the filters');
  });

  it('sorts by the select, highest price first, and pages with the filters kept', async () => {
    const res = await get(`/search?${STAY}&sort=price_desc&stars=5`);
    const shown = prices(res.body);
    assert.equal(shown.length, 10);
    assert.deepEqual(shown, [...shown].sort((a, b) => b - a));
    assert.match(res.body, /<option value="price_desc" selected>料金の高い順<\/option>/);
    const next = res.body.match(/rel="next" href="([^"]*)"/);
    assert.match(unescape(next![1]!), /stars=5&sort=price_desc&page=2/);
    const cheap = prices((await get(`/search?${STAY}&sort=price`)).body);
    const ranged = await get(`/search?${STAY}&minPrice=${cheap[2]}&maxPrice=${cheap[5]}`);
    assert.ok(prices(ranged.body).every((p) => p >= cheap[2]! && p <= cheap[5]!));
    assert.match(ranged.body, new RegExp(`name="minPrice" type="number" value="${cheap[2]}"`));
  });

  it('leaves out filters it cannot read, says which in the page language, and still answers 200', async () => {
    const all = await get(`/search?${STAY}`);
    const total = all.body.match(/(\d+)件の宿が見つかりました/)![1];
    const cases: Array<[string, string[]]> = [
      [`/search?${STAY}&minPrice=abc&stars=9&amenities=casino&meals=lunch&sort=bogus`, ['料金は1億円までの整数', '星の数は1〜5', '施設・サービスは一覧から', '食事は一覧から', '指定の並び順はない']],
      [`/search?${STAY}&minPrice=90000&maxPrice=1000`, ['上限は下限以上の金額']],
      [`/search?${STAY}&minPrice=%3Cscript%3E&stars=&amenities=`, ['料金は1億円までの整数']],
    ];
    for (const [url, messages] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /<div class="alert" role="alert"><p>次の条件は読み取れなかったため、除いて検索しました。<\/p>/, url);
      for (const message of messages) assert.ok(res.body.includes(message), `${url}: ${message}`);
      assert.match(res.body, new RegExp(`${total}件の宿が見つかりました`), url);
      assert.ok(!res.body.includes('<script>'), url);
    }
    const en = await get(`/search?${STAY}&stars=0&lang=en`);
    assert.match(en.body, /These filters could not be read[\s\S]*Stars must be 1 to 5/);
    assert.match(en.body, /<legend>Stars<\/legend><p class="error-text">Stars must be 1 to 5<\/p>/);
  });

  it('shows amenity highlights and the filter panel in the photo grid design too', async () => {
    await defineFlag(ctx.db.database.db, ctx.deps.cache, {
      key: FLAG_KEYS.newSearch,
      description: 'photo grid search results',
      owner: 'design@hatago.example',
      expiresOn: '2027-03-31',
      environments: { development: { enabled: true, percent: 0, allow: [FLAG_KEYS.newSearch] } },
    });
    const res = await get(`/search?${STAY}&amenities=club-lounge&preview=${FLAG_KEYS.newSearch}`);
    assert.match(res.body, /data-design="grid"/);
    const cards = res.body.split('class="grid-card"').slice(1);
    assert.ok(cards.length > 0 && cards.every((card) => card.includes('<li>クラブラウンジ</li>')));
    assert.ok(checkbox(res.body, 'amenities', 'club-lounge')![1]);
    assert.ok(filterForm(res.body).includes(`name="preview" value="${FLAG_KEYS.newSearch}"`), 'the preview rides along');
  });
});

describe('amenities and policies on the hotel page', () => {
  const ctx = appUnderTest(buildGuestApp);
  it('lists what the hotel offers and its house rules in both languages', async () => {
    const { rows } = await sql<{ id: number }>`select min(id) as id from hotels where area_id = 'hakone'`.execute(ctx.db.database.db);
    const id = rows[0]!.id;
    await sql`update hotels set children_min_age = 12, smoking_policy = 'smoking_area' where id = ${id}`.execute(ctx.db.database.db);
    const ja = await ctx.app.inject({ url: `/hotels/${id}?${STAY}` });
    assert.equal(ja.statusCode, 200);
    assert.match(ja.body, /<h2 id="amenities-heading">施設・サービス<\/h2>/);
    assert.match(ja.body, /data-testid="hotel-amenities"><li>温泉<\/li><li>露天風呂<\/li>/);
    assert.match(ja.body, /<dt>お子様<\/dt><dd>12歳以上のお子様からご宿泊いただけます<\/dd>/);
    assert.match(ja.body, /<dt>喫煙<\/dt><dd>館内禁煙（喫煙所あり）<\/dd>/);
    assert.match(ja.body, /<dt>ペット<\/dt><dd>ペット同伴不可<\/dd>/);
    assert.match(ja.body, /<dt>アクセス<\/dt><dd>箱根湯本駅から車で15分<\/dd>/);
    const en = await ctx.app.inject({ url: `/hotels/${id}?${STAY}&lang=en` });
    assert.match(en.body, /data-testid="hotel-amenities"><li>Hot spring \(onsen\)<\/li>/);
    assert.match(en.body, /<dt>Children<\/dt><dd>Children aged 12 and over<\/dd>/);
    assert.match(en.body, /<dt>Access<\/dt><dd>15 minutes by car from Hakone-Yumoto Station<\/dd>/);
  });
});
