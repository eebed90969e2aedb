import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import type { OperatorRole } from '@hatago/identity';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { createTestDatabase, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { buildOperatorApp, routeDecisions } from './operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
const ALL: OperatorRole[] = ['support', 'editor', 'admin'];
const SUPPORT: OperatorRole[] = ['support', 'admin'];
const EDITOR: OperatorRole[] = ['editor', 'admin'];
const ADMIN: OperatorRole[] = ['admin'];

/**
 * Who may use every operator route, decided here independently of the capability map: a
 * route the app registers that this table does not list fails the first test, so a new
 * page cannot ship without someone deciding its roles.
 */
const WHO_MAY: Record<string, OperatorRole[]> = {
  'GET /operator/': ALL,
  'GET /operator/reservations': SUPPORT,
  'GET /operator/reservations/:code': SUPPORT,
  'GET /operator/reservations/:code/cancel': SUPPORT,
  'POST /operator/reservations/:code/cancel': SUPPORT,
  'POST /operator/reservations/:code/resend-confirmation': SUPPORT,
  'POST /operator/reservations/:code/notes': SUPPORT,
  'GET /operator/reservations/:code/modify': SUPPORT,
  'POST /operator/reservations/:code/modify/preview': SUPPORT,
  'POST /operator/reservations/:code/modify': SUPPORT,
  'GET /operator/accounts': ADMIN,
  'POST /operator/accounts': ADMIN,
  'POST /operator/accounts/:id/role': ADMIN,
  'POST /operator/accounts/:id/disable': ADMIN,
  'POST /operator/accounts/:id/enable': ADMIN,
  'GET /operator/api-tokens': ADMIN,
  'POST /operator/api-tokens': ADMIN,
  'POST /operator/api-tokens/:id/revoke': ADMIN,
  'GET /operator/audit': ADMIN,
  'GET /operator/traces': ADMIN,
  'GET /operator/traces/:traceId': ADMIN,
  'GET /operator/sre': ALL,
  'GET /operator/incidents': ALL,
  'GET /operator/incidents/:id': ALL,
  'GET /operator/incidents/new': SUPPORT,
  'POST /operator/incidents': SUPPORT,
  'POST /operator/incidents/:id/notes': SUPPORT,
  'POST /operator/incidents/:id/classify': SUPPORT,
  'POST /operator/incidents/:id/resolve': SUPPORT,
  'POST /operator/incidents/:id/postmortem': SUPPORT,
  'GET /operator/banners': EDITOR,
  'GET /operator/banners/upload.js': EDITOR,
  'POST /operator/banners/drafts': EDITOR,
  'POST /operator/banners/images': EDITOR,
  'GET /operator/banners/drafts/:id': EDITOR,
  'POST /operator/banners/drafts/:id/publish': EDITOR,
  'GET /operator/banners/versions/:version': EDITOR,
  'GET /operator/banners/diff': EDITOR,
  'POST /operator/banners/versions/:version/rollback': EDITOR,
  'POST /operator/api/banners/check': EDITOR,
  'POST /operator/api/banners/publish': EDITOR,
  'GET /operator/api/banners/versions': EDITOR,
  'GET /operator/flags': ALL,
  'POST /operator/flags': EDITOR,
  'GET /operator/flags/:key': ALL,
  'POST /operator/flags/:key': EDITOR,
  'POST /operator/flags/:key/environments/:environment': EDITOR,
  'GET /operator/flags/:key/delete': EDITOR,
  'POST /operator/flags/:key/delete': EDITOR,
  'GET /operator/api/flags': ALL,
  'GET /operator/api/flags/:key': ALL,
  'PUT /operator/api/flags/:key': EDITOR,
  'GET /operator/mail': SUPPORT,
  'GET /operator/mail/:id': SUPPORT,
  'POST /operator/mail/:id/retry': SUPPORT,
  'POST /operator/mail/:id/discard': ADMIN,
  'GET /operator/mail/suppressions': SUPPORT,
  'GET /operator/mail/suppressions/lift': ADMIN,
  'POST /operator/mail/suppressions/lift': ADMIN,
  'GET /operator/mailbox': SUPPORT,
  'GET /operator/mailbox/:id': SUPPORT,
};

/** A concrete URL for a route pattern: ids and codes that match nothing, so allowed writes change nothing. */
const concrete = (url: string) => url.replace(':code', 'HT00000000').replace(':id', '99999999').replace(':version', '99999999');

describe('operator roles on every route', () => {
  let db: TestDatabase;
  let app: HttpApp;
  const cookies = {} as Record<OperatorRole, string>;

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
    for (const role of ALL) cookies[role] = await staffSessionCookie(app, '/operator', role);
  });
  after(async () => {
    await app.close();
    await db.dispose();
  });

  const send = (method: string, url: string, headers: Record<string, string>) =>
    method === 'GET'
      ? app.inject({ method: 'GET', url, headers })
      : app.inject({ method: method as 'POST' | 'PUT', url, headers: { ...FORM, ...headers }, payload: '' });

  it('has a role decision in the table for every route the app registers, and no stale one', () => {
    const registered = routeDecisions(app).map((route) => `${route.method} ${route.url}`);
    assert.deepEqual([...registered].sort(), Object.keys(WHO_MAY).sort());
  });

  it('refuses each role exactly the routes the table denies it, before doing anything', async () => {
    for (const route of routeDecisions(app)) {
      const key = `${route.method} ${route.url}`;
      for (const role of ALL) {
        const response = await send(route.method, concrete(route.url), { cookie: cookies[role] });
        const allowed = WHO_MAY[key]!.includes(role);
        assert.equal(response.statusCode === 403, !allowed, `${role} on ${key}: ${response.statusCode}`);
      }
    }
  });

  it('sends each role to a section it may open', async () => {
    const homes = await Promise.all(ALL.map(async (role) => (await send('GET', '/operator/', { cookie: cookies[role] })).headers.location));
    assert.deepEqual(homes, ['/operator/reservations', '/operator/banners', '/operator/reservations']);
  });

  it('lets an admin create, re-role and disable accounts, audited, and never their own', async () => {
    const bad = await send('POST', '/operator/accounts', { cookie: cookies.admin });
    assert.equal(bad.statusCode, 422);
    for (const message of [/Use 2 to 63 lowercase/, /Name is required/, /Choose one of support, editor, admin/, /Use 10 to 200 characters/]) assert.match(bad.body, message);

    const post = (url: string, fields: Record<string, string>, cookie = cookies.admin) =>
      app.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(fields).toString() });
    const created = await post('/operator/accounts', { login: 'Designer@Example.com', name: 'Aoi Designer', role: 'editor', password: 'a-long-password' });
    assert.equal(created.statusCode, 303);
    const { rows } = await sql<{ id: number }>`select id from staff_accounts where login = 'designer@example.com'`.execute(db.database.db);
    const id = Number(rows[0]!.id);
    const taken = await post('/operator/accounts', { login: 'designer@example.com', name: 'Again', role: 'support', password: 'a-long-password' });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /exists already/);

    const signIn = (login: string) =>
      app.inject({ method: 'POST', url: '/operator/login', headers: FORM, payload: new URLSearchParams({ login, password: 'a-long-password' }).toString() });
    const session = String((await signIn('designer@example.com')).headers['set-cookie']).split(';')[0]!;
    assert.equal((await send('GET', '/operator/reservations', { cookie: session })).statusCode, 403, 'an editor reads no reservations');

    assert.equal((await post(`/operator/accounts/${id}/role`, { role: 'support' })).statusCode, 303);
    assert.equal((await send('GET', '/operator/reservations', { cookie: session })).statusCode, 200, 'the new role applies to the open session');
    assert.equal((await post(`/operator/accounts/${id}/role`, { role: 'owner' })).statusCode, 422);

    assert.equal((await post(`/operator/accounts/${id}/disable`, {})).statusCode, 303);
    assert.match(String((await send('GET', '/operator/reservations', { cookie: session })).headers.location), /^\/operator\/login/, 'its session ended');
    assert.equal((await signIn('designer@example.com')).statusCode, 401);
    assert.equal((await post(`/operator/accounts/${id}/disable`, {})).statusCode, 409);
    assert.equal((await post(`/operator/accounts/${id}/enable`, {})).statusCode, 303);
    assert.equal((await signIn('designer@example.com')).statusCode, 303);

    const { rows: admins } = await sql<{ id: number }>`select id from staff_accounts where login = 'admin'`.execute(db.database.db);
    assert.equal((await post(`/operator/accounts/${Number(admins[0]!.id)}/disable`, {})).statusCode, 403, 'not one\'s own account');

    const actions = (await listAudit(db.database.db, { targetType: 'staff', targetId: String(id), page: 1, pageSize: 10 })).map((e) => e.action).filter((a) => a !== 'session.sign_in');
    assert.deepEqual(actions.sort(), ['operator_account.create', 'operator_account.disable', 'operator_account.enable', 'operator_account.role'].sort());
  });

  it('accepts API tokens an admin created, shown once and stored hashed, until revoked', async () => {
    const post = (url: string, fields: Record<string, string>) =>
      app.inject({ method: 'POST', url, headers: { ...FORM, cookie: cookies.admin }, payload: new URLSearchParams(fields).toString() });
    const mint = async (name: string, role: OperatorRole) => {
      const page = await post('/operator/api-tokens', { name, role });
      assert.equal(page.statusCode, 200);
      return page.body.match(/data-testid="new-token">(hatago_[A-Za-z0-9_-]+)</)![1]!;
    };
    const supportToken = await mint('helpdesk-bot', 'support');
    const editorToken = await mint('design-ci', 'editor');
    const { rows } = await sql<{ token_hash: string }>`select token_hash from api_tokens`.execute(db.database.db);
    assert.ok(rows.every((row) => row.token_hash !== supportToken && row.token_hash !== editorToken), 'only hashes are stored');
    assert.doesNotMatch((await send('GET', '/operator/api-tokens', { cookie: cookies.admin })).body, new RegExp(supportToken), 'shown once');

    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    assert.equal((await send('GET', '/operator/reservations', bearer(supportToken))).statusCode, 200);
    assert.equal((await send('GET', '/operator/reservations', bearer(editorToken))).statusCode, 403);
    const listed = (await send('GET', '/operator/api-tokens', { cookie: cookies.admin })).body;
    assert.match(listed, /helpdesk-bot<\/td><td>support<\/td><td>[^<]+<\/td><td>\d{4}-/, 'its last use is shown');

    const unknown = await send('GET', '/operator/reservations', bearer('hatago_' + 'x'.repeat(43)));
    assert.equal(unknown.statusCode, 401);

    const { rows: ids } = await sql<{ id: number }>`select id from api_tokens where name = 'helpdesk-bot'`.execute(db.database.db);
    assert.equal((await post(`/operator/api-tokens/${Number(ids[0]!.id)}/revoke`, {})).statusCode, 303);
    assert.equal((await send('GET', '/operator/reservations', bearer(supportToken))).statusCode, 401);
    assert.equal((await post(`/operator/api-tokens/${Number(ids[0]!.id)}/revoke`, {})).statusCode, 409);
    const actions = (await listAudit(db.database.db, { targetType: 'api_token', page: 1, pageSize: 10 })).map((e) => e.action);
    assert.deepEqual(actions.sort(), ['api_token.create', 'api_token.create', 'api_token.revoke']);
  });
});
