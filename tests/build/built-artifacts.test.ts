import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, startCluster } from '@hatago/cluster';
import { formatOfBytes, jpegWithGps } from '@hatago/images/testing';
import { waitUntil } from '@hatago/mail/testing';
import { packageFilePath, runtimeFilePath } from '@hatago/platform/runtime-files';
import { createTestDatabase, futureDate, testDatabaseTargets } from '@hatago/test-support';
import { planArtifacts, workspacePackages } from '../../scripts/build/artifact-plan.ts';
import { compileDeployedVcl } from '../../scripts/build/edge-files.ts';
import { measureArtifacts, overBudget } from '../../scripts/build/size-report.ts';
import { bookablePlans, GuestClient } from '../cluster/support/guest-client.ts';
import { builtDist } from '../../scripts/build/fresh-build.ts';
import { smokeTest } from '../../scripts/deploy/smoke-test.ts';
import { runBuiltCommand, signInOperator } from './support/built-commands.ts';
import { startBuiltEmbedded } from './support/built-embedded.ts';
import { startOtlpCollector } from './support/otlp-collector.ts';

// every server's own request spans (@hatago/platform/tracing's server-span.ts)
const HTTP_SPANS = '@hatago/http';
const BANNER_SCHEMA = readFileSync(runtimeFilePath('packages/banners/schema/banner-document.schema.json'), 'utf8');
const postgresTarget = () => {
  const postgres = testDatabaseTargets().find((t) => t.name === 'postgres');
  assert.ok(postgres && process.env.TEST_REDIS_URL, 'npm test provides PostgreSQL and Redis');
  return postgres;
};

const dependenciesOf = (folder: string) =>
  Object.keys((JSON.parse(readFileSync(path.join(REPO_ROOT, folder, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {});
// what `npm ci --omit=dev` installs: the root's dependencies and those a workspace package declares (banners: ajv)
const productionDependencies = new Set([...dependenciesOf('.'), ...[...workspacePackages(REPO_ROOT).keys()].flatMap(dependenciesOf)]);

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
        assert.ok(productionDependencies.has(dependency), `${name}: ${dependency} is a production dependency of the root or a workspace package.json`);
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

  it('runs the embedded platform from dist/ as npm run start:built does: pages, the API, the consoles and traces through its edge', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hatago-built-embedded-'));
    const collector = await startOtlpCollector();
    // no demo world: seeding is the sources' behaviour, proven elsewhere; the booking is proven on the cluster below
    const embedded = await startBuiltEmbedded(distDir, dataDir, { DATA_DIR: dataDir, SEED_DEMO_DATA: 'false', ...collector.env });
    try {
      const cmdline = await readFile(`/proc/${embedded.child.pid}/cmdline`, 'utf8');
      assert.ok(!cmdline.includes('tsx'), cmdline);
      for (const [page, marker] of [
        ['/', 'action="/search"'],
        ['/operator/login', 'name="login"'],
        ['/facility/login', 'name="login"'],
      ] as const) {
        const response = await fetch(embedded.url + page);
        assert.equal(response.status, 200, page);
        assert.ok((await response.text()).includes(marker), page);
      }
      const search = await fetch(`${embedded.url}/api/v1/hotels?checkin=${futureDate(9)}&guests=2`);
      assert.equal(search.status, 200);
      assert.equal(((await search.json()) as { total: number }).total, 0);
      assert.equal(await (await fetch(`${embedded.url}/api/v1/banners/schema.json`)).text(), BANNER_SCHEMA, 'the banner schema file travels with the build');
      for (const probe of ['/healthz', '/readyz']) assert.notEqual((await fetch(embedded.url + probe)).status, 200, `the edge keeps ${probe} internal`);
      await waitUntil('the built platform traces its requests', () => collector.servicesWithSpansFrom(HTTP_SPANS).has('hatago') || undefined, 30_000);
    } finally {
      assert.equal(await embedded.stop(), 0, 'drains and exits cleanly on SIGTERM');
      await collector.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('serves the consoles from dist/: an operator made by the built operator:create, the SRE dashboard with uPlot, a banner image and its /images rendition (sharp)', async () => {
    const db = await createTestDatabase(postgresTarget(), { seed: false });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hatago-built-consoles-'));
    const password = `built-${randomBytes(9).toString('hex')}`;
    const created = await runBuiltCommand(distDir, 'operator-create', ['--email', 'built-admin@example.com', '--role', 'admin'], { DATABASE_URL: db.url!, HATAGO_OPERATOR_PASSWORD: password });
    assert.equal(created.code, 0, created.output);
    const embedded = await startBuiltEmbedded(distDir, dataDir, { DATA_DIR: dataDir, DATABASE_URL: db.url!, DB_POOL_SIZE: '3', SEED_DEMO_DATA: 'false', OTEL_SDK_DISABLED: 'true' });
    try {
      const cookie = await signInOperator(embedded.url, 'built-admin@example.com', password);
      const sre = await fetch(`${embedded.url}/operator/sre`, { headers: { cookie } });
      assert.equal(sre.status, 200);
      assert.match(await sre.text(), /\/operator\/assets\/uplot\.min\.js/);
      for (const [asset, file] of [
        ['uplot.min.js', packageFilePath('uplot/dist/uPlot.iife.min.js')],
        ['uplot.min.css', packageFilePath('uplot/dist/uPlot.min.css')],
        ['sre-dashboard.js', runtimeFilePath('apps/operator/src/assets/sre-dashboard.js')],
      ] as const) {
        const response = await fetch(`${embedded.url}/operator/assets/${asset}`, { headers: { cookie } });
        assert.equal(response.status, 200, asset);
        assert.equal(await response.text(), readFileSync(file, 'utf8'), asset);
      }

      const form = new FormData();
      form.append('image', new Blob([await jpegWithGps()], { type: 'image/jpeg' }), 'built.jpg');
      const uploaded = await fetch(`${embedded.url}/operator/banners/images`, { method: 'POST', headers: { cookie, origin: embedded.url }, body: form });
      const page = await uploaded.text();
      assert.equal(uploaded.status, 200, page);
      const key = page.match(/data-testid="image-key">([^<]+)</)?.[1];
      assert.ok(key, 'the upload names its key');
      const rendition = await fetch(`${embedded.url}/images/${key}?w=160`, { headers: { accept: 'image/webp' } });
      assert.equal(rendition.status, 200);
      assert.equal(formatOfBytes(Buffer.from(await rendition.arrayBuffer())), 'webp');
    } finally {
      assert.equal(await embedded.stop(), 0, 'drains and exits cleanly on SIGTERM');
      await db.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('runs every service of the cluster from dist/ (migrate, edge, guest, facility, operator, mailer) and books through the edge', async () => {
    const db = await createTestDatabase(postgresTarget());
    const collector = await startOtlpCollector();
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'hatago-built-cluster-'));
    const cluster = await startCluster(
      ['--instances', '1', '--base-port', '0', '--port', '0', '--state-dir', stateDir],
      { DATABASE_URL: db.url!, REDIS_URL: process.env.TEST_REDIS_URL!, REDIS_KEY_PREFIX: `built-${randomBytes(4).toString('hex')}:`, LOG_LEVEL: 'warn', DB_POOL_SIZE: '5', ...collector.env },
      [path.join(distDir, 'cluster', 'main.js')],
    );
    try {
      const { processes } = await cluster.control.status();
      assert.deepEqual(processes.map((p) => p.app).sort(), ['edge', 'facility', 'guest', 'mailer', 'operator']);
      for (const process of processes) {
        const cmdline = (await readFile(`/proc/${process.pid}/cmdline`, 'utf8')).split('\0');
        assert.ok(cmdline.includes(path.join(distDir, process.app, 'main.js')), `${process.id} runs its build: ${cmdline.join(' ')}`);
        assert.ok(!cmdline.some((arg) => arg.includes('tsx')), `${process.id} runs without tsx`);
        if (process.app === 'edge') continue;
        for (const probe of ['/healthz', '/readyz']) assert.equal((await fetch(process.url + probe)).status, 200, `${process.id} ${probe}`);
      }

      const guest = new GuestClient(cluster.edgeUrl);
      assert.match((await guest.get('/')).body, /action="\/search"/);
      assert.match((await guest.get('/operator/login')).body, /name="login"/);
      const checkin = futureDate(12);
      const [plan] = await bookablePlans(guest, checkin);
      assert.ok(plan, 'the search API finds a bookable plan');
      const booked = await guest.bookViaApi(plan, { checkin, nights: 1 }, 'built@example.com', `built-${randomBytes(6).toString('hex')}`);
      assert.equal(booked.status, 201, booked.body);
      const { code } = JSON.parse(booked.body) as { code: string };
      assert.equal((await guest.get(`/api/v1/reservations/${code}?email=built@example.com`)).status, 200);
      for (const probe of ['/healthz', '/readyz']) assert.notEqual((await guest.get(probe)).status, 200, `the edge keeps ${probe} internal`);
      assert.equal((await guest.get('/api/v1/banners/schema.json')).body, BANNER_SCHEMA);
      assert.deepEqual(await smokeTest(cluster.edgeUrl, { book: true }), [], 'the deploy smoke test passes on the built cluster');
      // every service the built cluster starts exports its request spans to the collector it was given
      const expected = ['edge', 'guest', 'operator'];
      const traced = () => expected.filter((service) => collector.servicesWithSpansFrom(HTTP_SPANS).has(service));
      await waitUntil('edge, guest and operator export http spans', () => traced().length === expected.length || undefined, 30_000).catch(() => undefined);
      assert.deepEqual(traced(), expected, `spans received: ${collector.received().join(', ')}`);
    } finally {
      assert.equal(await cluster.stop(), 0, 'the built cluster stops cleanly');
      await collector.close();
      await db.dispose();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
