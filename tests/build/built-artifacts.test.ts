import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '@hatago/cluster';
import { planArtifacts } from '../../scripts/build/artifact-plan.ts';
import { compileDeployedVcl } from '../../scripts/build/edge-files.ts';
import { measureArtifacts, overBudget } from '../../scripts/build/size-report.ts';
import { builtDist } from './support/built-dist.ts';

const rootManifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('npm run build', () => {
  let distDir: string;
  let temporary = false;
  before(async () => {
    ({ distDir, temporary } = await builtDist());
  });
  after(async () => {
    if (temporary) await rm(path.dirname(distDir), { recursive: true, force: true });
  });

  it('builds one artifact per app with a main.ts and per package command the root scripts run', async () => {
    const names = planArtifacts(REPO_ROOT).map((plan) => plan.name);
    for (const expected of ['cluster', 'edge', 'embedded', 'facility', 'guest', 'mailer', 'migrate', 'operator']) assert.ok(names.includes(expected), expected);
    const built = (await readdir(distDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    assert.deepEqual(built.sort(), [...names].sort());
    assert.ok(existsSync(path.join(distDir, 'cluster', 'roll-command.js')), 'a command beside an app main.ts is an entry of its artifact');
  });

  it('installs only production dependencies, at the versions the lockfile installed, and bundles no workspace package', async () => {
    for (const { name } of planArtifacts(REPO_ROOT)) {
      const manifest = JSON.parse(readFileSync(path.join(distDir, name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      for (const [dependency, version] of Object.entries(manifest.dependencies)) {
        assert.ok(dependency in rootManifest.dependencies, `${name}: ${dependency} is a production dependency of the root package.json`);
        const installed = JSON.parse(readFileSync(path.join(distDir, name, 'node_modules', dependency, 'package.json'), 'utf8')) as { version: string };
        assert.equal(installed.version, version, `${name}: ${dependency}`);
      }
      for (const devOnly of ['typescript', 'tsx', 'esbuild', 'aws-cdk-lib', '@hatago']) {
        assert.ok(!existsSync(path.join(distDir, name, 'node_modules', devOnly)), `${name} ships no ${devOnly}`);
      }
    }
  });

  it('keeps every artifact within its size budget', async () => {
    const sizes = await measureArtifacts(distDir);
    assert.ok(sizes.every((s) => s.totalBytes > 0));
    assert.deepEqual(overBudget(sizes), []);
  });

  it('gives the edge its rules as JavaScript and the VCL compiled for the deployed layout', async () => {
    assert.ok(existsSync(path.join(distDir, 'edge', 'config', 'edge.js')));
    assert.equal(readFileSync(path.join(distDir, 'edge', 'edge.vcl'), 'utf8'), await compileDeployedVcl(REPO_ROOT));
    assert.ok(!existsSync(path.join(distDir, 'guest', 'edge.vcl')), 'apps that do not load rules do not carry them');
  });
});
