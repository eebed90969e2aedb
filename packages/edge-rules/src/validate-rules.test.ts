import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import hatagoRules from '../../../config/edge.ts';
import { EdgeRulesError, loadEdgeRules } from './load-rules.ts';
import { formatRulePath, validateEdgeRules } from './validate-rules.ts';

const configFile = fileURLToPath(new URL('../../../config/edge.ts', import.meta.url));
const rulesModule = fileURLToPath(new URL('./index.ts', import.meta.url));

const problemsOf = (rules: unknown) => validateEdgeRules(rules).map((p) => `${formatRulePath(p.path)}: ${p.message}`);

describe('edge rules validation', () => {
  let dir: string;
  let source: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hatago-edge-rules-'));
    source = (await readFile(configFile, 'utf8')).replace("'@hatago/edge-rules'", JSON.stringify(rulesModule));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** The real rules file with one edit, written where the loader can import it. */
  async function editedRules(name: string, from: string, to: string) {
    assert.ok(source.includes(from), `the rules file still contains ${from}`);
    const file = path.join(dir, `${name}.ts`);
    await writeFile(file, source.replace(from, () => to));
    return { file, line: source.slice(0, source.indexOf(from)).split('\n').length };
  }

  it('takes trusted proxies as addresses or CIDR ranges and names a wrong one', () => {
    assert.deepEqual(problemsOf({ ...hatagoRules, trustedProxies: ['10.0.0.0/8', '::1'] }), []);
    assert.deepEqual(problemsOf({ ...hatagoRules, trustedProxies: ['10.0.0.0/8', 'lb.internal', '192.0.2.0/40'] }), [
      'trustedProxies[1]: "lb.internal" is not an IP address or CIDR range',
      'trustedProxies[2]: "192.0.2.0/40" has a prefix outside 0–32',
    ]);
  });

  it("accepts Hatago's rules file", async () => {
    assert.deepEqual(problemsOf(hatagoRules), []);
    assert.equal((await loadEdgeRules(configFile)).routes.length, hatagoRules.routes.length);
  });

  it('refuses a wrong rules file naming the line and the reason of each problem', async () => {
    const cases: Array<[string, string, string, RegExp]> = [
      ['unknown-backend', "backend: 'mailer'", "backend: 'mailr'", /routes\[\d+\]\.backend: "mailr" is not a declared backend \(guest, guest-canary, facility, operator, mailer\)/],
      ['bad-regex', "pathPattern: '^/search$'", "pathPattern: '^/search($'", /routes\[\d+\]\.match\.pathPattern: is not a valid regular expression/],
      ['typo-key', "match: { pathPrefix: '/operator' }", "match: { pathprefix: '/operator' }", /routes\[\d+\]\.match\.pathprefix: is not a known setting/],
      ['bad-method', "methods: ['POST'] }, perClient: { requests: 30", "methods: ['PO ST'] }, perClient: { requests: 30", /rateLimits\[\d+\]\.match\.methods\[0\]: "PO ST" is not a method token/],
      ['bad-group', "location: '/hotels/$1'", "location: '/hotels/$2'", /redirects\[1\]\.location: uses \$2 but match\.pathPattern has 1 group/],
      ['percent', "cookie: 'hatago_canary', percent: 0", "cookie: 'hatago_canary', percent: 120", /percent: must be an integer from 0 to 100/],
      ['key-query', "key: { query: ['lang'], forwardQuery: 'key'", "key: { query: 'all', forwardQuery: 'key'", /key\.query: must be a list of parameter names, 'sorted' or 'as-sent'/],
      ['forward-query', "key: { query: ['lang'], forwardQuery: 'key'", "key: { query: ['lang'], forwardQuery: 'keyed'", /key\.forwardQuery: must be 'as-sent' or 'key'/],
    ];
    for (const [name, from, to, reason] of cases) {
      const { file, line } = await editedRules(name, from, to);
      const error = await loadEdgeRules(file).then(
        () => assert.fail(`${name} was accepted`),
        (e: unknown) => e,
      );
      assert.ok(error instanceof EdgeRulesError, name);
      const first = error.problems[0]!;
      assert.match(first, reason, name);
      const where = /\.ts:(\d+) /.exec(first);
      assert.ok(where, `${name}: ${first} names a line`);
      // a problem inside a shared constant (the canary rule) is reported where the constant is defined
      assert.equal(Number(where[1]), line, `${name}: ${first}`);
    }
  });

  it('refuses a file that does not load, or exports nothing, with the file name', async () => {
    const broken = path.join(dir, 'broken.ts');
    await writeFile(broken, 'export default defineEdgeRules({ backends: ');
    await assert.rejects(loadEdgeRules(broken), (e: EdgeRulesError) => /broken\.ts: cannot be loaded/.test(e.message));
    const empty = path.join(dir, 'empty.ts');
    await writeFile(empty, 'export const x = 1;');
    await assert.rejects(loadEdgeRules(empty), (e: EdgeRulesError) => /empty\.ts: has no default export/.test(e.message));
  });

  it('takes a key that keeps the whole query, sorted or as sent, forwarding it as sent or as keyed', () => {
    const route = hatagoRules.routes.find((r) => r.name === 'hotel-page')!;
    for (const query of ['sorted', 'as-sent'] as const) {
      for (const forwardQuery of [undefined, 'as-sent', 'key'] as const) {
        const cache = { ttl: 'origin' as const, graceSeconds: 0, key: { query, locale: false, device: false, ...(forwardQuery && { forwardQuery }) } };
        assert.deepEqual(problemsOf({ ...hatagoRules, routes: [{ ...route, cache }] }), [], `${query} ${forwardQuery}`);
      }
    }
  });

  it('takes imageFormat as true or false only', () => {
    const route = hatagoRules.routes.find((r) => r.name === 'images')!;
    assert.deepEqual(problemsOf(hatagoRules), []);
    const key = { query: ['w'], locale: false, device: false, imageFormat: 'yes' as unknown as boolean };
    const broken = { ...route, cache: { ttl: 'origin' as const, graceSeconds: 0, key } };
    assert.deepEqual(
      problemsOf({ ...hatagoRules, routes: [broken] }).filter((problem) => problem.includes('imageFormat')),
      ['routes[0].cache.key.imageFormat: must be true or false'],
    );
  });

  it('takes stripSetCookie as true or false only', () => {
    const route = hatagoRules.routes.find((r) => r.name === 'hotel-page')!;
    const cache = { ttl: 'origin' as const, graceSeconds: 0, key: { query: [], locale: false, device: false } };
    assert.deepEqual(problemsOf({ ...hatagoRules, routes: [{ ...route, cache: { ...cache, stripSetCookie: true } }] }), []);
    const wrong = problemsOf({ ...hatagoRules, routes: [{ ...route, cache: { ...cache, stripSetCookie: 'yes' } }] } as never);
    assert.deepEqual(wrong, ['routes[0].cache.stripSetCookie: must be true or false']);
  });

  it('takes a flag feed and rollouts by flag, naming what is wrong with either', () => {
    assert.equal(hatagoRules.flags?.intervalMs, 1000);
    const route = hatagoRules.routes.find((r) => r.name === 'search')!;
    assert.ok('rollout' in route && route.rollout?.flag === 'guest-canary');
    assert.deepEqual(problemsOf({ ...hatagoRules, flags: { backend: 'gest', path: 'internal/flags', intervalMs: 5000 } }), [
      'flags.backend: "gest" is not a declared backend (guest, guest-canary, facility, operator, mailer)',
      'flags.path: "internal/flags" is not a path starting with / (no query)',
      'flags.intervalMs: must be an integer from 100 to 1000',
    ]);
    assert.deepEqual(problemsOf({ ...hatagoRules, flags: { backend: 'guest', path: '/internal/flags', intervalMs: 1000, every: 1 } }), [
      'flags.every: is not a known setting (expected backend, path, intervalMs)',
    ]);
    const withFlag = (flag: string) => ({ ...route, rollout: { ...(route as { rollout: object }).rollout, flag } });
    assert.deepEqual(problemsOf({ ...hatagoRules, routes: [withFlag('Guest_Canary')] }), ['routes[0].rollout.flag: "Guest_Canary" is not a flag key (kebab-case)']);
    const { flags: _feed, ...withoutFeed } = hatagoRules;
    assert.deepEqual(problemsOf({ ...withoutFeed, routes: [withFlag('guest-canary')] }), ['routes[0].rollout.flag: needs the flag feed (top-level flags) to be read']);
  });

  it('checks references and ranges between rules', () => {
    const route = hatagoRules.routes.find((r) => r.name === 'hotel-page')!;
    assert.deepEqual(
      problemsOf({
        ...hatagoRules,
        backends: { ...hatagoRules.backends, guest: { ...hatagoRules.backends.guest, probe: { ...hatagoRules.backends.guest.probe, threshold: 9 } } },
        routes: [route, { ...route }],
        headers: { request: [{ set: 'x-bad header', value: 'v' }], response: [{ remove: 'x-a', routes: ['nowhere'] }] },
      }),
      [
        'backends.guest.probe.threshold: 9 is more than the window of 5 probes, so the backend could never be healthy',
        'routes[1].name: "hotel-page" is used twice',
        'headers.request[0].set: "x-bad header" is not a header name',
        'headers.response[0].routes[0]: "nowhere" is not a route name',
      ],
    );
  });
});
