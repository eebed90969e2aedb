import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { BannerChanges, type Banner, PreviewTokens, publishBannerDocument, saveBannerDraft } from '@hatago/banners';
import { appUnderTest, cookieFrom } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { formBody } from './page-test-forms.ts';

const START = Date.parse('2027-05-01T12:00:00+09:00');
let clock = START;

const banner = (overrides: Partial<Banner> & { id: string }): Banner => ({
  slot: 'home-hero',
  image: 'https://images.example/hero.jpg',
  link: '/search?area=kyoto',
  alt: { ja: '新緑の京都', en: 'Kyoto in green' },
  caption: { ja: '新緑の京都へ', en: 'Kyoto in early summer' },
  start: '2027-04-01T00:00:00+09:00',
  end: '2027-06-01T00:00:00+09:00',
  priority: 10,
  ...overrides,
});
const text = (...banners: Banner[]) => JSON.stringify({ banners }, null, 2);
const shownIds = (body: string) => [...body.matchAll(/data-banner-id="([^"]+)"/g)].map((m) => m[1]);

describe('banners on guest pages', () => {
  const ctx = appUnderTest((deps) => buildGuestApp({ ...deps, clock: () => new Date(clock) }));
  const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const action = { actor: { id: 3, name: 'Demo Editor' }, requestId: 'test' };
  const publish = (...banners: Banner[]) => publishBannerDocument({ db: ctx.db.database.db, changes: new BannerChanges(ctx.deps.cache) }, text(...banners), action);
  let hotelArea = '';
  let otherArea = '';

  before(async () => {
    const { rows } = await sql<{ area_id: string }>`select area_id from hotels order by id`.execute(ctx.db.database.db);
    hotelArea = rows[0]!.area_id;
    otherArea = rows.find((r) => r.area_id !== hotelArea)!.area_id;
  });

  it('shows no banner and changes nothing before anything is published', async () => {
    const home = await get('/');
    assert.deepEqual(shownIds(home.body), []);
    assert.equal(home.headers['cache-control'], 'public, max-age=0, must-revalidate', 'browsers ask again: a publish purges the edge only');
    assert.equal(home.headers['hatago-cache-control'], 'public, max-age=60, stale-while-revalidate=30');
  });

  it('shows a publish at once, in the page language, tagged for purging', async () => {
    await publish(banner({ id: 'hero' }), banner({ id: 'c1', slot: 'home-carousel', priority: 1 }), banner({ id: 'c2', slot: 'home-carousel', priority: 5, target: { lang: 'en' } }));
    const ja = await get('/');
    assert.deepEqual(shownIds(ja.body), ['hero', 'c1']);
    assert.match(ja.body, /新緑の京都へ/);
    assert.match(ja.body, /alt="新緑の京都"/);
    assert.match(String(ja.headers['surrogate-key']), /\bbanners\b/);
    const en = await get('/?lang=en');
    assert.deepEqual(shownIds(en.body), ['hero', 'c2', 'c1']);
    assert.match(en.body, /Kyoto in early summer/);
    assert.doesNotMatch(en.body, /新緑の京都へ/);
  });

  it('targets area result and hotel pages by area, and members by their session', async () => {
    await publish(
      banner({ id: 'here', slot: 'area-results', target: { areas: [hotelArea] } }),
      banner({ id: 'side-members', slot: 'hotel-side', priority: 2, target: { members: true } }),
      banner({ id: 'side-visitors', slot: 'hotel-side', priority: 1, target: { members: false, areas: [hotelArea] } }),
    );
    assert.deepEqual(shownIds((await get(`/search?area=${hotelArea}`)).body), ['here']);
    assert.deepEqual(shownIds((await get(`/search?area=${otherArea}`)).body), []);
    const visitor = await get('/hotels/1');
    assert.deepEqual(shownIds(visitor.body), ['side-visitors']);
    assert.match(String(visitor.headers['cache-control']), /^public/);

    const login = await ctx.app.inject({ method: 'POST', url: '/login', ...formBody({ email: 'member@example.com', password: 'hatago-demo-pass' }), headers: { ...formBody({}).headers, origin: 'http://localhost' } });
    const member = await get('/hotels/1', cookieFrom(login.headers['set-cookie']));
    assert.deepEqual(shownIds(member.body), ['side-members']);
    assert.equal(member.headers['cache-control'], 'private, no-store', "a member's page is never shared");
    assert.equal(member.headers['surrogate-key'], undefined);
    assert.deepEqual(shownIds((await get('/hotels/1', 'hatago_member=forged')).body), ['side-visitors'], 'a cookie that is no session is a visitor');
  });

  it('caches a page no longer than its next banner start or end, and shows them on time (injected clock)', async () => {
    clock = START;
    await publish(banner({ id: 'always', priority: 1 }), banner({ id: 'flash', priority: 9, start: '2027-05-01T12:00:25+09:00', end: '2027-05-01T12:01:05+09:00' }));
    const before = await get('/');
    assert.deepEqual(shownIds(before.body), ['always']);
    assert.equal(before.headers['hatago-cache-control'], 'public, max-age=25, stale-while-revalidate=0', 'the edge keeps it until the flash starts');
    assert.equal(before.headers['cache-control'], 'public, max-age=0, must-revalidate');
    clock = START + 25_000;
    const during = await get('/');
    assert.deepEqual(shownIds(during.body), ['flash']);
    assert.equal(during.headers['hatago-cache-control'], 'public, max-age=40, stale-while-revalidate=0', 'and until it ends');
    clock = START + 65_000;
    const after = await get('/');
    assert.deepEqual(shownIds(after.body), ['always']);
    assert.equal(after.headers['hatago-cache-control'], 'public, max-age=60, stale-while-revalidate=30', 'the next change (end of May) is far');
    assert.equal((await get('/search?area=kyoto')).headers['hatago-cache-control'], 'public, max-age=60, stale-while-revalidate=30', 'pages without the slot are not capped');
    clock = START;
  });

  it('answers the live banners per slot in the API, capped the same way, and the schema file as it is', async () => {
    await publish(banner({ id: 'api-hero' }), banner({ id: 'api-members', slot: 'hotel-side', target: { members: true } }));
    const response = await get('/api/v1/banners?lang=en');
    assert.equal(response.statusCode, 200);
    const body = JSON.parse(response.body);
    assert.equal(typeof body.version, 'number');
    assert.deepEqual(Object.keys(body.slots), ['home-hero', 'home-carousel', 'area-results', 'hotel-side', 'booking-confirmation']);
    assert.equal(body.slots['home-hero'][0].caption, 'Kyoto in early summer');
    assert.deepEqual(body.slots['hotel-side'][0].target, { members: true }, 'targeting is handed to the client');
    assert.equal(response.headers['surrogate-key'], 'banners');
    assert.equal(response.headers['cache-control'], 'public, max-age=0, must-revalidate');
    assert.equal(response.headers['hatago-cache-control'], 'public, max-age=60, stale-while-revalidate=0');
    assert.equal((await get('/api/v1/banners?lang=fr')).statusCode, 400);

    const schema = await get('/api/v1/banners/schema.json');
    assert.match(String(schema.headers['content-type']), /^application\/schema\+json/);
    assert.equal(schema.body, readFileSync(new URL('../../../../packages/banners/schema/banner-document.schema.json', import.meta.url), 'utf8'));
  });

  it('previews a draft on the real pages for the link holder only, never cacheable', async () => {
    await publish(banner({ id: 'live-hero' }));
    const draft = await saveBannerDraft(ctx.db.database.db, text(banner({ id: 'draft-hero', caption: { ja: '下書き', en: 'Draft caption' } }), banner({ id: 'draft-side', slot: 'hotel-side' })), action);
    const token = new PreviewTokens(ctx.deps.signingSecret).issue(draft.id);
    const preview = await get(`/banner-preview/${token}/?lang=en`);
    assert.equal(preview.statusCode, 200);
    assert.deepEqual(shownIds(preview.body), ['draft-hero']);
    assert.match(preview.body, /Draft caption/);
    assert.equal(preview.headers['cache-control'], 'private, no-store');
    assert.equal(preview.headers['surrogate-key'], undefined);
    assert.deepEqual(shownIds((await get(`/banner-preview/${token}/hotels/1`)).body), ['draft-side']);
    assert.deepEqual(shownIds((await get('/')).body), ['live-hero'], 'other visitors see the live document');

    const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const refused = await get(`/banner-preview/${forged}/`);
    assert.equal(refused.statusCode, 404);
    assert.equal(refused.headers['cache-control'], 'private, no-store');
    const expired = new PreviewTokens(ctx.deps.signingSecret, () => Date.now() - 7200_000).issue(draft.id);
    assert.equal((await get(`/banner-preview/${expired}/`)).statusCode, 404);
  });
});
