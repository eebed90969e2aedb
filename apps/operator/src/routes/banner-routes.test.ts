import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '@hatago/audit';
import { liveVersion } from '@hatago/banners';
import { jpegWithGps } from '@hatago/images/testing';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { createTestDatabase, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { buildOperatorApp } from '../operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
const banner = (id: string, caption: string) => ({
  id,
  slot: 'home-hero',
  image: 'https://images.example/hero.jpg',
  link: '/search?area=kyoto',
  alt: { ja: '京都', en: 'Kyoto' },
  caption: { ja: caption, en: caption },
  start: '2026-01-01T00:00:00+09:00',
  end: '2030-01-01T00:00:00+09:00',
  priority: 1,
});

describe('operator banner console and API', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let editor: string;
  let support: string;
  let admin: string;
  const post = (url: string, cookie: string, fields: Record<string, string>) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(fields).toString() });
  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
    editor = await staffSessionCookie(app, '/operator', 'editor');
    support = await staffSessionCookie(app, '/operator', 'support');
    admin = await staffSessionCookie(app, '/operator', 'admin');
  });
  after(async () => {
    await app.close();
    await db.dispose();
  });

  it('shows every error of a pasted document with its path, keeps the text, saves and publishes nothing', async () => {
    const bad = JSON.stringify({ banners: [{ ...banner('a', 'x'), slot: 'sidebar', alt: { ja: '京都' } }, banner('a', 'y')] });
    const response = await post('/operator/banners/drafts', editor, { document: bad });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /The document has 3 errors/);
    for (const path of ['\\$\\.banners\\[0\\]\\.slot', '\\$\\.banners\\[0\\]\\.alt\\.en', '\\$\\.banners\\[1\\]\\.id']) assert.match(response.body, new RegExp(`<td>${path}</td>`));
    assert.match(response.body, /&quot;sidebar&quot;/, 'the text is kept for fixing');
    assert.equal(await liveVersion(db.database.db), undefined);
  });

  it('checks a draft, previews it by a signed private link, publishes it, diffs and rolls back, audited', async () => {
    const first = JSON.stringify({ banners: [banner('spring', 'Spring')] }, null, 2);
    const saved = await post('/operator/banners/drafts', editor, { document: first });
    assert.equal(saved.statusCode, 303);
    const draft = await get(String(saved.headers.location), editor);
    assert.match(draft.body, /passed every check/);
    assert.match(draft.body, /href="\/banner-preview\/\d+\.\d+\.[A-Za-z0-9_-]{43}\/\?lang=en"/);
    assert.equal(draft.headers['cache-control'], 'private, no-store');
    assert.equal((await post(`${saved.headers.location}/publish`, support, {})).statusCode, 403, 'support may not publish');
    assert.equal((await post(`${saved.headers.location}/publish`, editor, {})).statusCode, 303);
    const v1 = (await liveVersion(db.database.db))!;
    assert.equal(v1.text, first);

    const second = JSON.stringify({ banners: [banner('spring', 'Spring sale')] });
    const saved2 = await post('/operator/banners/drafts', editor, { document: second });
    assert.match((await get(String(saved2.headers.location), editor)).body, /<li class=\"change-changed\"><code>banners\[spring\]\.caption\.en<\/code>: <code>Spring<\/code> → <code>Spring sale<\/code><\/li>/);
    await post(`${saved2.headers.location}/publish`, admin, {});
    const v2 = (await liveVersion(db.database.db))!;

    const diff = await get(`/operator/banners/diff?from=${v1.version}&to=${v2.version}`, editor);
    assert.match(diff.body, /banners\[spring\]\.caption\.ja/);
    const rolled = await post(`/operator/banners/versions/${v1.version}/rollback`, editor, {});
    assert.equal(rolled.statusCode, 303);
    const v3 = (await liveVersion(db.database.db))!;
    assert.equal(v3.text, first, 'byte for byte');
    assert.equal(v3.restoredFrom, v1.version);
    const overview = await get('/operator/banners?notice=rolled-back', editor);
    assert.match(overview.body, new RegExp(`version ${v3.version}</strong>`));
    assert.match(overview.body, /Rolled back/);
    assert.match((await get(`/operator/banners/versions/${v1.version}`, editor)).body, /&quot;Spring&quot;/);
    const actions = (await listAudit(db.database.db, { targetType: 'banner_version', page: 1, pageSize: 10 })).map((a) => `${a.action} ${a.actor.name}`);
    assert.deepEqual(actions, ['banners.rollback Demo Editor', 'banners.publish Demo Admin', 'banners.publish Demo Editor']);
  });

  it('publishes through the JSON API with an API token, byte for byte, and answers every error as problem+json', async () => {
    const minted = await post('/operator/api-tokens', admin, { name: 'design-ci', role: 'editor' });
    const token = minted.body.match(/data-testid="new-token">([^<]+)</)![1]!;
    const send = (path: string, body: string, auth = `Bearer ${token}`) =>
      app.inject({ method: 'POST', url: `/operator/api/banners/${path}`, headers: { authorization: auth, 'content-type': 'application/json' }, payload: body });
    const text = '{ "banners": [\n  ' + JSON.stringify(banner('from-ci', 'From CI')) + '\n] }\n';

    assert.deepEqual(JSON.parse((await send('check', text)).body), { ok: true, banners: 1 });
    const refused = await send('publish', JSON.stringify({ banners: [{ ...banner('x', 'x'), priority: 'high', link: 'javascript:alert(1)' }] }));
    assert.equal(refused.statusCode, 422);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
    const problem = JSON.parse(refused.body);
    assert.equal(problem.code, 'INVALID_BANNER_DOCUMENT');
    assert.deepEqual(problem.errors.map((e: { field: string }) => e.field).sort(), ['$.banners[0].link', '$.banners[0].priority']);

    const published = await send('publish', text);
    assert.equal(published.statusCode, 201);
    assert.equal((await liveVersion(db.database.db))!.text, text);
    assert.equal((await send('publish', text, 'Bearer hatago_' + 'x'.repeat(43))).statusCode, 401);
    const versions = await app.inject({ method: 'GET', url: '/operator/api/banners/versions', headers: { authorization: `Bearer ${token}` } });
    assert.equal(JSON.parse(versions.body).items[0].by, 'API token design-ci (#1)');
  });

  it('stores an uploaded image in object storage under a key a document can name, and refuses what is no image', async () => {
    const multipart = (bytes: Buffer, filename: string) => {
      const boundary = '----hatago-test-boundary';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
      return {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'http://localhost', cookie: editor },
        payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      };
    };
    const uploaded = await app.inject({ method: 'POST', url: '/operator/banners/images', ...multipart(await jpegWithGps(), 'holiday.jpg') });
    assert.equal(uploaded.statusCode, 200);
    const key = uploaded.body.match(/data-testid="image-key">([^<]+)</)![1]!;
    assert.match(key, /^banners\/[0-9a-f]{32}-\d+x\d+\.jpg$/);
    const stored = await app.inject({ method: 'POST', url: '/operator/banners/drafts', headers: { ...FORM, cookie: editor }, payload: new URLSearchParams({ document: JSON.stringify({ banners: [{ ...banner('with-image', 'Photo'), image: key }] }) }).toString() });
    assert.equal(stored.statusCode, 303, 'a document may name the key');

    const refused = await app.inject({ method: 'POST', url: '/operator/banners/images', ...multipart(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'trick.jpg') });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /The image is not a JPEG, PNG, WebP, AVIF or GIF image/);
    const asSupport = await app.inject({ method: 'POST', url: '/operator/banners/images', ...multipart(await jpegWithGps(), 'x.jpg'), headers: { ...multipart(Buffer.alloc(0), 'x').headers, cookie: support } });
    assert.equal(asSupport.statusCode, 403);
  });
});
