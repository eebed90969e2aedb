import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '@hatago/audit';
import { FLAG_AUDIT_TARGET, getFlag } from '@hatago/flags';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { createTestDatabase, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { buildOperatorApp } from '../operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
const fields = (overrides: Record<string, string> = {}) => ({
  key: 'new-checkout',
  description: 'One-page checkout',
  owner: 'Payments team',
  expiresOn: '2027-06-30',
  'env.development.enabled': 'on',
  'env.development.percent': '100',
  'env.development.allow': '',
  'env.staging.percent': '0',
  'env.staging.allow': 'qa, checkout',
  'env.production.enabled': 'on',
  'env.production.percent': '5.5',
  'env.production.allow': 'checkout',
  ...overrides,
});

describe('operator flag console', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let editor: string;
  let support: string;
  let admin: string;
  const post = (url: string, cookie: string, body: Record<string, string>, headers: Record<string, string> = FORM) =>
    app.inject({ method: 'POST', url, headers: { ...headers, cookie }, payload: new URLSearchParams(body).toString() });
  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const flag = (key: string) => getFlag(db.database.db, key);
  const history = async (key: string) => (await listAudit(db.database.db, { targetType: FLAG_AUDIT_TARGET, targetId: key, page: 1, pageSize: 20 })).map((h) => `${h.action} ${h.actor.name}`);

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

  it('lets support read the demo flag and its state per environment, but change nothing', async () => {
    const list = await get('/operator/flags', support);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /href="\/operator\/flags"[^>]*>Flags</, 'the navigation links to flags');
    assert.match(list.body, /data-testid="state-new-search-production"><span class="state-on">previews only<\/span><\/td>/);
    assert.doesNotMatch(list.body, /Turn off|New flag/, 'no switch and no form for a reader');
    assert.match((await get('/operator/flags/new-search', support)).body, /Your role may read flags/);

    const before = await flag('new-search');
    assert.equal((await post('/operator/flags/new-search/environments/production', support, { enabled: 'false' })).statusCode, 403);
    assert.equal((await post('/operator/flags/new-search', support, { ...fields({ key: 'new-search' }), version: String(before.version) })).statusCode, 403);
    assert.equal((await post('/operator/flags', support, fields())).statusCode, 403);
    assert.equal((await post('/operator/flags/new-search/delete', support, { version: String(before.version) })).statusCode, 403);
    assert.deepEqual(await flag('new-search'), before, 'nothing changed');
  });

  it('shows every error of a create form beside its field, keeps what was typed, saves nothing', async () => {
    const refused = await post('/operator/flags', editor, fields({ key: 'New Checkout', owner: '', expiresOn: '2027-02-30', 'env.production.percent': '120', 'env.staging.allow': 'qa, not ok!' }));
    assert.equal(refused.statusCode, 422);
    for (const message of [/must be kebab-case/, /<span class="error-text">is required/, /must be a date, YYYY-MM-DD/, /must be a number from 0 to 100/, /must be 1 to 64 letters/]) assert.match(refused.body, message);
    assert.match(refused.body, /name="env.production.percent" type="text" value="120" aria-invalid="true"/);
    assert.match(refused.body, /value="qa, not ok!"/);
    assert.match(refused.body, /value="New Checkout"/);
    assert.equal((await get('/operator/flags/new-checkout', editor)).statusCode, 404);
  });

  it('creates a flag, refuses its key twice, and shows its states', async () => {
    const created = await post('/operator/flags', editor, fields());
    assert.equal(created.statusCode, 303);
    assert.equal(created.headers.location, '/operator/flags?notice=created');
    const stored = await flag('new-checkout');
    assert.deepEqual(stored.definition.environments, {
      development: { enabled: true, percent: 100, allow: [] },
      production: { enabled: true, percent: 5.5, allow: ['checkout'] },
      staging: { enabled: false, percent: 0, allow: ['qa', 'checkout'] },
    });
    const list = (await get('/operator/flags?notice=created', editor)).body;
    assert.match(list, /Created:/);
    assert.match(list, /state-new-checkout-development"><span class="state-on">on for everyone/);
    assert.match(list, /state-new-checkout-production"><span class="state-on">on for 5.5 % \+ previews/);
    assert.match(list, /state-new-checkout-staging"><span class="state-off">off/);
    assert.match(list, /<form class="inline" method="post" action="\/operator\/flags\/new-checkout\/environments\/production"><input type="hidden" name="_csrf"/, 'each switch is a form carrying the session\'s token');

    const again = await post('/operator/flags', editor, fields());
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /A flag new-checkout exists already/);
  });

  it('edits at the version shown, refuses a stale form and keeps its text, changing nothing', async () => {
    const v1 = await flag('new-checkout');
    const page = (await get('/operator/flags/new-checkout', editor)).body;
    assert.match(page, new RegExp(`name="version" type="hidden" value="${v1.version}"`));
    const saved = await post('/operator/flags/new-checkout', editor, { ...fields({ 'env.production.percent': '25' }), version: String(v1.version) });
    assert.equal(saved.statusCode, 303);
    assert.equal((await flag('new-checkout')).definition.environments.production!.percent, 25);

    const stale = await post('/operator/flags/new-checkout', editor, { ...fields({ description: 'Lost update' }), version: String(v1.version) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Not saved: new-checkout was changed by Demo Editor/);
    assert.match(stale.body, />Lost update<\/textarea>/);
    assert.equal((await flag('new-checkout')).definition.description, 'One-page checkout');

    const invalid = await post('/operator/flags/new-checkout', editor, { ...fields({ description: '' }), version: String(v1.version + 1) });
    assert.equal(invalid.statusCode, 422);
    assert.match((await get('/operator/flags/new-checkout', editor)).body, /environments.production.percent<\/code>: <code>5.5<\/code> → <code>25<\/code>/, 'the history shows the change');
  });

  it('switches one environment off in one click and back on, audited; a post from another site is refused', async () => {
    const crossSite = await post('/operator/flags/new-checkout/environments/production', editor, { enabled: 'false' }, { ...FORM, origin: 'https://evil.example' });
    assert.equal(crossSite.statusCode, 403);
    assert.equal((await flag('new-checkout')).definition.environments.production!.enabled, true);

    const off = await post('/operator/flags/new-checkout/environments/production', editor, { enabled: 'false' });
    assert.equal(off.statusCode, 303);
    assert.equal(off.headers.location, '/operator/flags?notice=switched-off');
    const killed = await flag('new-checkout');
    assert.deepEqual(Object.fromEntries(Object.entries(killed.definition.environments).map(([name, rule]) => [name, rule.enabled])), { development: true, production: false, staging: false });
    assert.match((await get('/operator/flags', editor)).body, /state-new-checkout-production"><span class="state-off">off<\/span>.*Turn on in production/s);
    assert.equal((await post('/operator/flags/new-checkout/environments/production', editor, { enabled: 'true' })).statusCode, 303);
    assert.equal((await post('/operator/flags/new-checkout/environments/moon', editor, { enabled: 'false' })).statusCode, 404);
    assert.deepEqual((await history('new-checkout')).slice(0, 2), ['feature_flag.enable Demo Editor', 'feature_flag.disable Demo Editor']);
  });

  it('lists flags past their expiry first, with a badge', async () => {
    assert.equal((await post('/operator/flags', editor, fields({ key: 'old-banner-test', expiresOn: '2026-01-31' }))).statusCode, 303);
    const list = (await get('/operator/flags', support)).body;
    assert.match(list, /data-testid="overdue-flags"><p><strong>1 flag is past expiry<\/strong>.*old-banner-test<\/a> expired 2026-01-31/s);
    assert.match(list, /2026-01-31 <span class="overdue" data-testid="overdue">overdue \d+ days<\/span>/);
    assert.doesNotMatch(list, /2027-06-30 <span class="overdue"/);
  });

  it('deletes after a confirmation at the version confirmed', async () => {
    const confirm = await get('/operator/flags/old-banner-test/delete', editor);
    const version = confirm.body.match(/name="version" value="(\d+)"/)![1]!;
    assert.equal((await post('/operator/flags/old-banner-test/delete', editor, { version: String(Number(version) - 1) })).statusCode, 409);
    assert.equal((await post('/operator/flags/old-banner-test/delete', editor, { version })).statusCode, 303);
    assert.equal((await get('/operator/flags/old-banner-test', editor)).statusCode, 404);
    assert.deepEqual(await history('old-banner-test'), ['feature_flag.delete Demo Editor', 'feature_flag.create Demo Editor']);
  });

  it('reads and writes flags as code through the JSON API with an API token, every error as problem+json with its path', async () => {
    const token = (await post('/operator/api-tokens', admin, { name: 'flags-ci', role: 'editor' })).body.match(/data-testid="new-token">([^<]+)</)![1]!;
    const api = (method: 'GET' | 'PUT', key: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method, url: `/operator/api/flags/${key}`, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
    const definition = { description: 'Reviews first', owner: 'Guest team', expiresOn: '2027-05-01', environments: { staging: { enabled: true, percent: 50, allow: [] } } };

    const refused = await api('PUT', 'reviews-first', { ...definition, environments: { staging: { enabled: 'yes', percent: 50.001, allow: [] } } });
    assert.equal(refused.statusCode, 422);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
    const problem = JSON.parse(refused.body);
    assert.equal(problem.code, 'INVALID_FEATURE_FLAG');
    assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), ['$.environments.staging.enabled', '$.environments.staging.percent']);

    const created = await api('PUT', 'reviews-first', definition);
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers.etag, '"1"');
    const read = await api('GET', 'reviews-first');
    assert.deepEqual({ ...JSON.parse(read.body), updatedAt: undefined }, { key: 'reviews-first', ...definition, version: 1, updatedAt: undefined, updatedBy: 'API token flags-ci (#1)' });

    const replaced = await api('PUT', 'reviews-first', { ...definition, description: 'Reviews first, then photos' }, { 'if-match': '"1"' });
    assert.equal(replaced.statusCode, 200);
    const stale = await api('PUT', 'reviews-first', definition, { 'if-match': '"1"' });
    assert.equal(stale.statusCode, 409);
    assert.equal(JSON.parse(stale.body).code, 'FEATURE_FLAG_STALE');
    assert.equal((await api('PUT', 'reviews-first', { ...definition, key: 'renamed' })).statusCode, 422);
    assert.equal((await api('PUT', 'reviews-first', definition)).statusCode, 200, 'without If-Match the file wins');
    assert.equal((await flag('reviews-first')).version, 3);
    assert.equal((await api('GET', 'no-such-flag')).statusCode, 404);
    assert.deepEqual(await history('reviews-first'), ['feature_flag.update API token flags-ci (#1)', 'feature_flag.update API token flags-ci (#1)', 'feature_flag.create API token flags-ci (#1)']);
  });
});
