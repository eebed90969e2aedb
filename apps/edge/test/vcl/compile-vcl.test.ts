import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import hatagoRules from '../../../../config/edge.ts';
import { defineEdgeRules, type BackendRule, type EdgeRules, type RouteRule } from '@hatago/edge-rules';
import { compileVcl, VclRefusedError } from '@hatago/vcl';
import { startOrigin } from '../harness/origin.ts';
import { checkVcl, startVarnish } from '../harness/varnish.ts';

const hatagoInstances = Object.fromEntries(
  Object.keys(hatagoRules.backends).map((name, i) => [name, [`http://127.0.0.1:${3001 + i}`, `http://127.0.0.1:${3101 + i}`]]),
);

const backend: BackendRule = {
  probe: { path: '/readyz', intervalMs: 2000, timeoutMs: 1000, window: 5, threshold: 3 },
  connectTimeoutMs: 1000,
  firstByteTimeoutMs: 15_000,
  idleTimeoutMs: 30_000,
  balance: 'round-robin',
};

/** Small rules around the routes under test. */
const rulesWith = (routes: RouteRule<'app'>[], overrides: Partial<EdgeRules<'app'>> = {}) =>
  defineEdgeRules<'app'>({
    backends: { app: backend },
    redirects: [],
    routes,
    headers: { request: [], response: [] },
    rateLimits: [],
    limits: { maxHeaderBytes: 16_384, maxUrlBytes: 8192, maxBodyBytes: 1_048_576 },
    ...overrides,
  });
const app = { app: ['http://127.0.0.1:4000'] };

function refusals(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof VclRefusedError) return error.problems;
    throw error;
  }
  assert.fail('the rules compiled, but should have been refused');
}

describe('edge rules → VCL', () => {
  it("compiles Hatago's own rules to VCL that varnishd -C accepts", async () => {
    const compiled = compileVcl(hatagoRules, hatagoInstances, { leastConnectionsAs: 'round-robin' });
    assert.match(compiled.vcl, /^vcl 4\.1;/);
    assert.deepEqual(compiled.params, { http_req_size: '16384', http_req_hdr_len: '16384' });
    assert.ok(compiled.notes.some((note) => note.startsWith('backends.facility: least-connections balanced by round-robin')));
    await checkVcl(compiled.vcl);
  });

  it("runs Hatago's own rules in a real varnishd: apps by path, cached guest pages, redirects, the canary by query", async () => {
    const origins = await Promise.all(Object.keys(hatagoRules.backends).map((name) => startOrigin(name)));
    const instances = Object.fromEntries(origins.map((origin) => [origin.name, [origin.url.href]]));
    const compiled = compileVcl(hatagoRules, instances, { leastConnectionsAs: 'round-robin' });
    const varnish = await startVarnish({ vcl: compiled.vcl, params: compiled.params });
    try {
      const answer = async (path: string) => {
        const res = await fetch(`${varnish.url}${path}`, { redirect: 'manual' });
        return { res, body: res.status === 200 ? ((await res.json()) as { origin: string; url: string }) : (await res.arrayBuffer(), undefined) };
      };
      assert.equal((await answer('/facility/inventory')).body?.origin, 'facility');
      assert.equal((await answer('/operator')).body?.origin, 'operator');
      assert.equal((await answer('/webhooks/sendgrid')).body?.origin, 'mailer');
      assert.equal((await answer('/book/1')).body?.origin, 'guest', 'the maintenance route is switched off');

      const first = await answer('/hotels/3?checkin=2026-12-01&utm_source=x');
      assert.equal(first.body?.url, '/hotels/3?checkin=2026-12-01');
      assert.equal(first.res.headers.get('x-cache'), 'MISS');
      assert.equal(first.res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal((await answer('/hotels/3?checkin=2026-12-01')).res.headers.get('x-cache'), 'HIT');
      assert.equal((await answer('/hotels/3?canary=1')).body?.origin, 'guest-canary');

      const moved = await answer('/hotel/3/?x=1');
      assert.equal(moved.res.status, 301);
      assert.equal(moved.res.headers.get('location'), '/hotels/3?x=1');
    } finally {
      await varnish.stop();
      for (const origin of origins) await origin.kill();
    }
  });

  it("refuses Hatago's least-connections pools unless the substitute is asked for, naming each backend", () => {
    const problems = refusals(() => compileVcl(hatagoRules, hatagoInstances));
    assert.deepEqual(
      problems.map((p) => p.split(':')[0]),
      ['backends.facility.balance', 'backends.operator.balance'],
    );
    assert.match(problems[0]!, /Varnish has no least-connections director/);
  });

  it('refuses what VCL cannot do the same way, one line per rule', () => {
    const cached = { ttl: 'origin' as const, graceSeconds: 60, key: { query: [], locale: true, device: false } };
    const problems = refusals(() =>
      compileVcl(
        rulesWith([
          { name: 'by-language', match: { pathPrefix: '/a' }, backend: 'app', cache: cached },
          { name: 'query-pattern', match: { query: { name: 'q', pattern: '^x' } }, backend: 'app', cache: 'pass' },
          { name: 'query-encoded', match: { query: { name: 'q', equals: 'a b' } }, backend: 'app', cache: 'pass' },
          { name: 'odd-header', match: { header: { name: 'x.weird', equals: '1' } }, backend: 'app', cache: 'pass' },
          { name: 'js-regex', match: { pathPattern: '^/\\u00e9$' }, backend: 'app', cache: 'pass' },
        ]),
        { app: ['https://127.0.0.1:4000', 'http://127.0.0.1:4001/prefix'], ghost: ['http://127.0.0.1:4002'] },
      ),
    );
    const where = problems.map((p) => p.slice(0, p.indexOf(': ')));
    assert.deepEqual(where.sort(), [
      '--instances.app[0]',
      '--instances.app[1]',
      '--instances.ghost',
      'routes "by-language".cache.key.locale',
      'routes "js-regex".match',
      'routes "odd-header".match',
      'routes "query-encoded".match.query.equals',
      'routes "query-pattern".match.query',
    ]);
    assert.match(problems.find((p) => p.startsWith('--instances.app[0]'))!, /plain HTTP only/);
    assert.match(problems.find((p) => p.startsWith('routes "by-language"'))!, /q-values/);
  });

  it('refuses a backend without instances', () => {
    assert.deepEqual(refusals(() => compileVcl(rulesWith([{ name: 'all', match: {}, backend: 'app', cache: 'pass' }]), {})), [
      'backends.app: no instances given for it (--instances)',
    ]);
  });

  it('writes quotes, "} and line breaks in bodies, headers and regexes so that varnishd reads them', async () => {
    const rules = rulesWith(
      [
        { name: 'json-maintenance', match: { pathPattern: '^/say/"quoted"$' }, synthetic: { status: 503, contentType: 'application/json', body: '{"a":{"b":"}"}}\n"}' } },
        { name: 'quoted-header', match: { header: { name: 'X-Token', equals: 'a"b' }, cookie: { name: 'c', pattern: '^"x"$' } }, backend: 'app', cache: 'pass' },
        { name: 'all', match: {}, backend: 'app', cache: 'pass' },
      ],
      {
        redirects: [{ name: 'quoted', match: { pathPattern: '^/old/([a-z]+)"$' }, location: '/new/$1?from="old"', status: 308, keepQuery: true }],
        headers: { request: [], response: [{ set: 'X-Note', value: 'say "hi" }' }] },
      },
    );
    const { vcl } = compileVcl(rules, app);
    assert.match(vcl, /\\x\{22\}quoted\\x\{22\}/, 'a quote in a regex becomes a PCRE escape');
    await checkVcl(vcl);
  });

  it('prints the VCL or writes it with --out from npm run edge:vcl, and exits 1 naming the refused rules', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hatago-edge-vcl-'));
    try {
      const out = path.join(dir, 'edge.vcl');
      const instances = JSON.stringify(hatagoInstances);
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'packages/vcl/src/vcl-command.ts', ...args], { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '../../../..') });
      const written = run('--instances', instances, '--least-connections-as', 'round-robin', '--out', out);
      assert.equal(written.status, 0, written.stderr);
      assert.match(readFileSync(out, 'utf8'), /^vcl 4\.1;/);
      assert.match(written.stderr, /-p http_req_size=16384/);

      const refused = run('--instances', instances);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /backends\.facility\.balance: Varnish has no least-connections director/);
      assert.equal(refused.stdout, '', 'no VCL when a rule is refused');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
