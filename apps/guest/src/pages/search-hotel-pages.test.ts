import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { CatalogChanges } from '@hatago/catalog';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { appUnderTest, futureDate } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';

const count = (body: string, needle: string) => body.split(needle).length - 1;
const prices = (body: string) =>
  [...body.matchAll(/data-testid="hotel-result"[\s\S]*?class="price">¥([\d,]+)</g)].map((m) => Number(m[1]!.replace(/,/g, '')));
const hotelIds = (body: string) => [...body.matchAll(/data-testid="hotel-result">\s*<div>\s*<h2><a href="\/hotels\/(\d+)\?/g)].map((m) => Number(m[1]));

describe('search and hotel pages', () => {
  const ctx = appUnderTest(buildGuestApp);

  const get = (url: string) => ctx.app.inject({ method: 'GET', url });

  it('serves the home page with a search form, cacheable and without cookies', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['cache-control']), /^public, max-age=\d+/);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.match(res.body, /<html lang="ja">/);
    assert.match(res.body, /<form class="inline" method="get" action="\/search">/);
    assert.match(res.body, /<option value="kyoto">京都<\/option>/);
  });

  it('finds hotels with rooms every night, pages by 10 and sorts by price', async () => {
    const checkin = futureDate(5);
    const first = await get(`/search?checkin=${checkin}&nights=2&guests=2&rooms=1`);
    assert.equal(first.statusCode, 200);
    assert.match(String(first.headers['cache-control']), /^public/);
    assert.equal(first.headers['set-cookie'], undefined);
    assert.equal(count(first.body, 'data-testid="hotel-result"'), 10);
    assert.match(first.body, /20件の宿が見つかりました/);
    assert.match(first.body, /rel="next" href="\/search\?checkin=[^"]*page=2"/);

    const second = await get(`/search?checkin=${checkin}&nights=2&guests=2&rooms=1&page=2`);
    assert.equal(count(second.body, 'data-testid="hotel-result"'), 10);
    assert.equal(new Set([...hotelIds(first.body), ...hotelIds(second.body)]).size, 20);

    const byPrice = await get(`/search?checkin=${checkin}&nights=2&guests=2&rooms=1&sort=price`);
    const sorted = prices(byPrice.body);
    assert.equal(sorted.length, 10);
    assert.deepEqual(sorted, [...sorted].sort((a, b) => a - b));

    const kyoto = await get(`/search?area=kyoto&checkin=${checkin}&nights=2&guests=2&rooms=1`);
    assert.equal(count(kyoto.body, 'data-testid="hotel-result"'), 2);
    assert.equal(count(kyoto.body, '<div class="muted">京都 '), 2);
  });

  it('leaves out a hotel that is full on one night of the stay', async () => {
    const checkin = futureDate(8);
    const before = await get(`/search?area=tokyo&checkin=${checkin}&nights=3`);
    const [full, other] = hotelIds(before.body);
    assert.ok(full && other);
    await sql`update room_inventory set reserved = total
              where stay_date = ${addDays(checkin, 1)}::date
                and room_type_id in (select id from room_types where hotel_id = ${full})`.execute(ctx.db.database.db);
    // announced as every inventory writer does, so cached search results drop it
    await new CatalogChanges(ctx.deps.cache).publish({ hotelId: full, kind: 'inventory' });
    const after = await get(`/search?area=tokyo&checkin=${checkin}&nights=3`);
    assert.deepEqual(hotelIds(after.body), [other]);
    const oneNight = await get(`/search?area=tokyo&checkin=${checkin}&nights=1`);
    assert.equal(hotelIds(oneNight.body).length, 2, 'the night before the full one is still sold');
  });

  it('re-renders the form with field errors for bad input, never a 500', async () => {
    const cases: Array<[string, string[]]> = [
      ['/search?checkin=2020-01-01', ['チェックイン日に過去の日付は指定できません']],
      [`/search?checkin=${futureDate(3)}&nights=99`, ['泊数は1〜14泊で指定してください']],
      [`/search?checkin=${futureDate(3)}&area=atlantis`, ['指定のエリアはありません']],
      [`/search?checkin=${futureDate(3)}&area=atlantis&lang=en`, ['There is no such area']],
      ['/search?checkin=2026-02-30&guests=abc&rooms=9', ['YYYY-MM-DD', '人数は1〜8名', '室数は1〜4室']],
      ['/search?checkin=x&checkin=2030-01-01&page=-3&sort=%3Cscript%3E', ['YYYY-MM-DD']],
    ];
    for (const [url, messages] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 422, url);
      assert.equal(count(res.body, 'data-testid="hotel-result"'), 0, url);
      assert.match(res.body, /class="field-error"/, url);
      for (const message of messages) assert.ok(res.body.includes(message), `${url} says ${message}`);
      assert.ok(!res.body.includes('<script>'), url);
    }
  });

  it('shows a hotel with plans priced for the stay, rooms left and book links', async () => {
    const checkin = futureDate(6);
    const res = await get(`/hotels/1?checkin=${checkin}&nights=2&guests=2&rooms=1&lang=en`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['cache-control']), /^public/);
    assert.match(res.body, /<html lang="en">/);
    assert.match(res.body, /rooms left/);
    const links = [...res.body.matchAll(/data-testid="book-plan" href="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(links.length > 0);
    for (const href of links) {
      assert.match(href, new RegExp(`^/book\\?planId=\\d+&amp;checkin=${checkin}&amp;nights=2&amp;guests=2&amp;rooms=1&amp;lang=en$`));
    }
    const { rows } = await sql<{ total: number }>`
      select sum(pp.price)::int as total from plan_prices pp where pp.plan_id = 1
        and pp.stay_date >= ${checkin}::date and pp.stay_date < ${addDays(checkin, 2)}::date`.execute(ctx.db.database.db);
    assert.ok(res.body.includes(`¥${rows[0]!.total.toLocaleString('en-US')}`), 'plan 1 shows its 2-night total');
  });

  it('renders a three-month availability calendar whose days link to that check-in', async () => {
    const today = tokyoToday();
    const soldOut = addDays(today, 4);
    await sql`update room_inventory set reserved = total
              where stay_date = ${soldOut}::date and room_type_id in (select id from room_types where hotel_id = 2)`.execute(
      ctx.db.database.db,
    );
    const res = await get('/hotels/2?nights=2&guests=3&rooms=2');
    assert.equal(res.statusCode, 200);
    assert.equal(count(res.body, 'data-testid="calendar-month"'), 3);
    const [year, month] = today.split('-').map(Number) as [number, number];
    assert.ok(res.body.includes(`<caption>${year}年${month}月</caption>`));
    const open = addDays(today, 2);
    assert.match(
      res.body,
      new RegExp(`<td data-date="${open}"><a href="/hotels/2\\?checkin=${open}&amp;nights=2&amp;guests=3&amp;rooms=2">\\d+<span class="mark" role="img" aria-label="(空室あり|残りわずか)">[○△]</span><small>¥`),
    );
    assert.match(res.body, new RegExp(`<td class="full" data-date="${soldOut}"><span>\\d+<span class="mark" role="img" aria-label="満室・販売なし">×</span>`));
  });

  it('answers unknown or garbage hotel ids with a friendly 404 page', async () => {
    for (const url of ['/hotels/999999', '/hotels/abc', '/hotels/0', '/hotels/99999999999999999999', '/hotels/1%3Cscript%3E']) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.match(res.body, /ページが見つかりません/);
    }
  });

  it('keeps the hotel page up with field errors when the stay is invalid', async () => {
    const res = await get('/hotels/1?checkin=2020-01-01&nights=0');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="field-error"/);
    assert.equal(count(res.body, 'data-testid="book-plan"'), 0);
    assert.equal(count(res.body, 'data-testid="calendar-month"'), 3);
  });
});
