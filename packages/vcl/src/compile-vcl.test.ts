import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import hatagoRules from '../../../config/edge.ts';
import { hatagoInstances, rulesWith } from '../test/vcl-test-rules.ts';
import { compileVcl, VclRefusedError } from './compile-vcl.ts';

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

  it('prints the VCL or writes it with --out from npm run edge:vcl, and exits 1 naming the refused rules', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hatago-edge-vcl-'));
    try {
      const out = path.join(dir, 'edge.vcl');
      const instances = JSON.stringify(hatagoInstances);
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'packages/vcl/src/vcl-command.ts', ...args], { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '../../..') });
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
