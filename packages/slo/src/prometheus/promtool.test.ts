import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { slo } from '../../../../config/slo.ts';
import { generatedFiles } from '../generated-files.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../../..');
const deploy = path.join(root, 'deploy/prometheus');

describe('generated Prometheus rules and Alertmanager config (real promtool and amtool)', () => {
  it('the committed files are what config/slo.ts generates (run npm run slo:rules)', () => {
    for (const [file, text] of Object.entries(generatedFiles(slo))) {
      assert.equal(readFileSync(path.join(root, file), 'utf8'), text, `${file} is stale: run npm run slo:rules`);
    }
  });

  it('every alert has its runbook in docs/operations.md, where its runbook_url points', () => {
    const rules = readFileSync(path.join(deploy, 'slo-rules.yml'), 'utf8');
    const headings = new Set([...readFileSync(path.join(root, 'docs/operations.md'), 'utf8').matchAll(/^### (\w+)$/gm)].map((m) => m[1]!.toLowerCase()));
    const urls = [...rules.matchAll(/runbook_url: docs\/operations\.md#(\w+)/g)].map((m) => m[1]!);
    assert.ok(urls.length > 0);
    assert.deepEqual([...new Set(urls)].filter((anchor) => !headings.has(anchor)), []);
  });

  it('promtool check rules accepts the rule file', async () => {
    const { stdout } = await run('promtool', ['check', 'rules', path.join(deploy, 'slo-rules.yml')]);
    assert.match(stdout, /SUCCESS: \d+ rules found/);
  });

  it('amtool accepts the Alertmanager config', async () => {
    const { stdout } = await run('amtool', ['check-config', path.join(deploy, 'alertmanager.yml')]);
    assert.match(stdout, /SUCCESS/);
  });

  it('promtool test rules: every alert fires and stays quiet where its unit tests say', { timeout: 300_000 }, async () => {
    const tests = readdirSync(path.join(deploy, 'tests')).filter((f) => f.endsWith('.test.yml'));
    assert.ok(tests.length >= 3);
    const { stdout } = await run('promtool', ['test', 'rules', ...tests], { cwd: path.join(deploy, 'tests'), maxBuffer: 10_000_000 });
    assert.equal(stdout.match(/SUCCESS/g)?.length, tests.length, stdout);
    // every alert of the rule file has a unit test
    const alerts = new Set([...readFileSync(path.join(deploy, 'slo-rules.yml'), 'utf8').matchAll(/- alert: (\w+)/g)].map((m) => m[1]));
    const tested = new Set(tests.flatMap((f) => [...readFileSync(path.join(deploy, 'tests', f), 'utf8').matchAll(/alertname: (\w+)/g)].map((m) => m[1])));
    assert.deepEqual([...alerts].filter((a) => !tested.has(a)), []);
  });
});
