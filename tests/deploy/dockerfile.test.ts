import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '@hatago/cluster';
import { planArtifacts } from '../../scripts/build/artifact-plan.ts';
import { argumentsOf, dockerfileStages, effective } from './support/dockerfile-stages.ts';

/**
 * No container engine runs here (and hadolint is in neither npm nor Debian), so the
 * Dockerfile's rules are checked on its syntax tree: small base, non-root user, read-only
 * root file system, HEALTHCHECK, STOPSIGNAL, no secrets in layers, a target per artifact.
 */
const text = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
const stages = dockerfileStages(text);
// the supervisor of processes (a way to run on one machine) and the VCL compiler (the build runs it) are no images
const NOT_IMAGES = new Set(['cluster', 'edge-vcl']);
const targets = planArtifacts(REPO_ROOT).filter((plan) => !NOT_IMAGES.has(plan.name));
const SERVICES_WITH_PORTS = new Set(['edge', 'guest', 'facility', 'operator', 'mailer', 'embedded']);

describe('Dockerfile', () => {
  it('has a target for every deployable artifact, running only that artifact on plain Node', () => {
    assert.ok(targets.length >= 7);
    for (const { name } of targets) {
      const stage = stages.get(name);
      assert.ok(stage, `target ${name}`);
      const copies = stage.own.filter((i) => i.getKeyword() === 'COPY').map(argumentsOf);
      assert.deepEqual(copies, [`--from=build /src/dist/${name}/ /app/`], name);
      assert.deepEqual(JSON.parse(effective(stage, 'CMD')!), ['node', 'main.js'], name);
    }
  });

  it('starts every image from a slim or distroless Node 20 base, pinned to a version', () => {
    for (const { name } of targets) {
      const base = stages.get(name)!.baseImage;
      assert.match(base, /^(node:20\.\d+\.\d+-(bookworm|bullseye)-slim|gcr\.io\/distroless\/nodejs20-debian12(:[\w.-]+)?)(@sha256:[0-9a-f]{64})?$/, `${name}: ${base}`);
    }
  });

  it('runs as a non-root user that owns none of the application files', () => {
    for (const { name } of targets) {
      const user = effective(stages.get(name)!, 'USER');
      assert.ok(user && !/^(root|0)(:|$)/.test(user), `${name} runs as ${user}`);
      for (const copy of stages.get(name)!.own.filter((i) => i.getKeyword() === 'COPY')) {
        assert.doesNotMatch(argumentsOf(copy), /--chown|--chmod/, `${name}: application files stay root's, read-only to the service`);
      }
    }
  });

  it('writes only under /tmp, a volume, so the root file system can be mounted read-only', () => {
    for (const { name } of targets) {
      const stage = stages.get(name)!;
      assert.match(effective(stage, 'VOLUME') ?? '', /"\/tmp"/, name);
      const env = stage.instructions.filter((i) => i.getKeyword() === 'ENV').map(argumentsOf).join(' ');
      for (const variable of ['DATA_DIR', 'STORAGE_DIR']) assert.match(env, new RegExp(`${variable}=/tmp/`), `${name}: ${variable}`);
      assert.ok(!stage.own.some((i) => i.getKeyword() === 'RUN'), `${name}: no RUN in a final image (nothing installed or written at build)`);
    }
  });

  it('has a HEALTHCHECK on each service and stops with SIGTERM, the drain signal', () => {
    for (const { name } of targets) {
      const stage = stages.get(name)!;
      assert.equal(effective(stage, 'STOPSIGNAL'), 'SIGTERM', name);
      const healthcheck = stage.own.find((i) => i.getKeyword() === 'HEALTHCHECK');
      const health = healthcheck && argumentsOf(healthcheck);
      if (SERVICES_WITH_PORTS.has(name)) {
        assert.match(health ?? '', /--interval=\S+ --timeout=\S+ .*CMD \["node"/s, name);
        assert.ok(stage.own.some((i) => i.getKeyword() === 'EXPOSE'), `${name} exposes its port`);
      } else {
        assert.equal(health, 'NONE', `${name} is a one-off job`);
      }
    }
  });

  it('puts no secret into a layer: no secret-looking ENV or ARG, no ADD, no .env or key in the context', () => {
    for (const stage of stages.values()) {
      for (const instruction of stage.own) {
        const keyword = instruction.getKeyword();
        assert.notEqual(keyword, 'ADD', 'COPY only: ADD fetches URLs and unpacks archives');
        if (keyword === 'ENV' || keyword === 'ARG') {
          assert.doesNotMatch(argumentsOf(instruction), /(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|ACCESS_KEY|DATABASE_URL|REDIS_URL)\w*=/i, `${stage.name}: ${argumentsOf(instruction)}`);
        }
      }
    }
    const ignored = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    for (const pattern of ['**/.env', '**/.env.*', '**/*.pem', '**/*.key', '.git', '**/node_modules', 'dist', 'data']) assert.ok(ignored.includes(pattern), pattern);
  });

  it('builds the artifacts from the locked dependencies in a stage no image inherits', () => {
    const build = stages.get('build');
    assert.ok(build);
    const run = build.own.filter((i) => i.getKeyword() === 'RUN').map(argumentsOf).join(' ');
    assert.match(run, /npm ci\b.*&& npm run build/);
    for (const { name } of targets) assert.notEqual(stages.get(name)!.from, 'build', `${name} copies from build, never starts from it`);
  });
});
