import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import hatagoRules from '../../../../config/edge.ts';
import { compileVcl } from '@hatago/vcl';
import { hatagoInstances, rulesWith } from '@hatago/vcl/testing';
import { startOrigin } from '../harness/origin.ts';
import { checkVcl, startVarnish } from '../harness/varnish.ts';

const app = { app: ['http://127.0.0.1:4000'] };

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
});
