import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { defineEdgeRules } from '@hatago/edge-rules';
import { evaluateFlag, type FlagDefinition } from '@hatago/flags/evaluation';
import { EdgeCache } from '@hatago/http-cache';
import { newVisitorId } from './flags/flag-decision.ts';
import { closeAll, listen, type RunningEdge, startEdge, until } from '../test/harness/test-origins.ts';
import { testBackend as backend } from '../test/harness/stage-rules.ts';

const rollout = { backend: 'canary' as const, query: 'canary', cookie: 'hatago_canary', percent: 0, flag: 'canary-release' };
const rules = defineEdgeRules<'app' | 'canary'>({
  backends: { app: backend, canary: backend },
  redirects: [],
  routes: [
    { name: 'page', match: { pathPrefix: '/pages', methods: ['GET', 'HEAD'] }, backend: 'app', cache: { ttl: 60, graceSeconds: 0, key: { query: [], locale: false, device: false } } },
    { name: 'home', match: { pathPrefix: '/home', methods: ['GET', 'HEAD'] }, backend: 'app', cache: { ttl: 60, graceSeconds: 0, key: { query: [], locale: false, device: false } }, rollout },
    { name: 'other', match: { pathPrefix: '/' }, backend: 'app', cache: 'pass' },
  ],
  headers: { request: [], response: [] },
  rateLimits: [],
  limits: { maxHeaderBytes: 16_384, maxUrlBytes: 8192, maxBodyBytes: 1000 },
  flags: { backend: 'app', path: '/internal/flags', intervalMs: 100 },
});

const flag = (key: string, rule: Partial<FlagDefinition['environments'][string]>): FlagDefinition => ({
  key,
  description: key,
  owner: 'sre@hatago.example',
  expiresOn: '2027-03-31',
  environments: { production: { enabled: true, percent: 0, allow: [], ...rule } },
});

describe('edge with a flag feed', () => {
  // the feed's answer (undefined: 503), versioned so the edge's If-None-Match sees each change
  let flags: FlagDefinition[] | undefined;
  let version = 0;
  let failedPolls = 0;
  const seen: Array<{ backend: string; url: string; headers: http.IncomingHttpHeaders }> = [];
  const origin = (name: string) =>
    http.createServer((req, res) => {
      if (req.url === '/internal/flags') {
        if (!flags) return void (failedPolls++, res.writeHead(503).end());
        const etag = `"v${version}"`;
        if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
        return res.writeHead(200, { etag, 'content-type': 'application/json' }).end(JSON.stringify({ environment: 'production', flags }));
      }
      seen.push({ backend: name, url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`${name} ${req.headers['hatago-flags'] ?? '(none)'}`);
    });
  const app = origin('app');
  const canary = origin('canary');
  let edge: RunningEdge;

  /** Publishes a flag set and waits (bounded) until the edge decides by it. */
  async function publish(next: FlagDefinition[]) {
    flags = next;
    version++;
    const keys = JSON.stringify(next);
    await until(() => edge.flags !== undefined && JSON.stringify(edge.flags.flags) === keys, 'the edge to read the flag set');
  }
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${edge.url}${path}`, { headers });
  const last = () => seen.at(-1)!;

  before(async () => {
    const [appUrl, canaryUrl] = await Promise.all([listen(app), listen(canary)]);
    edge = await startEdge({ rules, instances: { app: [appUrl], canary: [canaryUrl] }, cache: new EdgeCache(), probes: false });
  });
  after(async () => {
    await edge.close();
    await closeAll(app, canary);
  });

  it('before the feed answers: every flag is off (the header a feed with none on gives), the rollout draws as before, a client cannot send its own flags', async () => {
    assert.equal(edge.flags, undefined);
    assert.equal(await (await get('/anything', { 'hatago-flags': 'canary-release' })).text(), 'app ');
    assert.equal(await (await get('/home?canary=1')).text(), 'canary ', "the rule's own opt-in while the flag is unknown");
  });

  it('sets its own decision header on every routed request, whatever the client sent', async () => {
    await publish([flag('on-for-all', { percent: 100 }), flag('off-for-all', { percent: 0 }), flag('killed', { enabled: false, percent: 100 })]);
    const res = await get('/anything', { 'hatago-flags': 'off-for-all,killed' });
    assert.equal(await res.text(), 'app on-for-all');
    assert.equal(res.headers.get('set-cookie'), null, 'no split: no visitor id');
    await publish([flag('off-for-all', { percent: 0 })]);
    assert.equal(await (await get('/anything', { 'hatago-flags': 'off-for-all' })).text(), 'app ', 'none on: an empty header');
  });

  it('sends visitors to the canary exactly while the flag is on for them: previews, the kill switch, a sticky split', async () => {
    await publish([flag('canary-release', { percent: 0, allow: ['tester'] })]);
    assert.equal(await (await get('/home')).text(), 'app ');
    assert.equal(await (await get('/home?canary=1', { cookie: 'hatago_canary=1' })).text(), 'app ', "the rule's own query and cookie no longer decide");
    assert.equal(await (await get('/home?preview=tester')).text(), 'canary canary-release');
    assert.equal(await (await get('/home', { 'x-hatago-preview': 'other, tester' })).text(), 'canary canary-release');

    await publish([flag('canary-release', { percent: 100, allow: ['tester'] })]);
    assert.equal(await (await get('/home')).text(), 'canary canary-release');
    await publish([flag('canary-release', { enabled: false, percent: 100, allow: ['tester'] })]);
    assert.equal(await (await get('/home?preview=tester', { cookie: 'hatago_canary=1' })).text(), 'app ', 'the kill switch takes everyone back');

    const split = flag('canary-release', { percent: 50 });
    await publish([split]);
    const visitors = Array.from({ length: 40 }, newVisitorId);
    const on = visitors.find((id) => evaluateFlag(split, { environment: 'production', visitorId: id }).value)!;
    const off = visitors.find((id) => !evaluateFlag(split, { environment: 'production', visitorId: id }).value)!;
    for (let i = 0; i < 3; i++) {
      assert.equal(await (await get(`/home?n=${i}`, { cookie: `hatago_vid=${on}` })).text(), 'canary canary-release');
      assert.equal(await (await get(`/home?n=${i}`, { cookie: `hatago_vid=${off}` })).text(), 'app ');
    }
  });

  it('keys cached pages by the flag set: two sets two entries, the same set one, on the hit path too', async () => {
    await publish([flag('photo-grid', { percent: 0, allow: ['grid'] })]);
    const page = async (headers: Record<string, string> = {}) => {
      const res = await get('/pages/1', headers);
      return `${res.headers.get('x-cache')} ${await res.text()}`;
    };
    const before = seen.length;
    assert.equal(await page(), 'MISS app ');
    assert.equal(await page(), 'HIT app ');
    assert.equal(await page({ 'x-hatago-preview': 'grid' }), 'MISS app photo-grid');
    assert.equal(await page({ 'x-hatago-preview': 'grid' }), 'HIT app photo-grid');
    assert.equal(await page({ 'hatago-flags': 'photo-grid' }), 'HIT app ', "a client's own header changes nothing");
    assert.equal(seen.length - before, 2);
  });

  it('mints a visitor id for a split: to the origin with the request, to the client with Set-Cookie, never into the stored page', async () => {
    await publish([flag('photo-grid', { percent: 50 })]);
    const first = await get('/pages/2', { cookie: 'hatago_vid=not ours!; theme=dark' });
    const minted = /^hatago_vid=([A-Za-z0-9_-]{22}); Path=\/; Max-Age=31536000; SameSite=Lax; HttpOnly$/.exec(first.headers.get('set-cookie') ?? '');
    assert.ok(minted, String(first.headers.get('set-cookie')));
    assert.equal(first.headers.get('x-cache'), 'MISS');
    const flagsOn = (await first.text()).slice('app '.length);
    assert.equal(last().headers.cookie, `theme=dark; hatago_vid=${minted[1]}`, 'the invalid id replaced, the other cookies kept');

    const again = await get('/pages/2', { cookie: `hatago_vid=${minted[1]}` });
    assert.deepEqual([again.headers.get('x-cache'), again.headers.get('set-cookie'), await again.text()], ['HIT', null, `app ${flagsOn}`]);

    const passed = await get('/account', { cookie: `hatago_vid=${minted[1]}` });
    assert.equal(passed.headers.get('set-cookie'), null, 'a visitor with an id keeps it');
    await passed.text();
    assert.equal(last().headers.cookie, `hatago_vid=${minted[1]}`);
  });

  it('keeps deciding by the last good set while the feed fails', async () => {
    await publish([flag('on-for-all', { percent: 100 })]);
    const known = edge.flags;
    flags = undefined;
    version++;
    const failed = failedPolls;
    await until(() => failedPolls > failed + 1, 'two failed polls');
    assert.equal(await (await get('/anything')).text(), 'app on-for-all');
    assert.equal(edge.flags, known);
    edge.reload(rules);
    assert.equal(edge.flags, known, 'a reload reading the same feed keeps the set');
    // without the feed the edge is as it was before flags: the header is the client's business
    const { flags: _feed, ...withoutFeed } = rules;
    edge.reload({ ...withoutFeed, routes: withoutFeed.routes.filter((route) => route.name !== 'home') });
    assert.equal(edge.flags, undefined);
    assert.equal(await (await get('/anything', { 'hatago-flags': 'as-sent' })).text(), 'app as-sent');
  });
});
