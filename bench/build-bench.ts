/**
 * What the build changes, sources (tsx) against built artifacts (plain Node), in one run:
 * start-up time to ready and resident memory of every service started alone (median of
 * BENCH_STARTS, default 3), then bookings per second through the edge and the API of the
 * cluster run from each. Usage:
 *   npm run bench:build       # PostgreSQL and Redis from BENCH_DATABASE_URL / BENCH_REDIS_URL
 *                             # or TEST_DATABASE_URL / TEST_REDIS_URL; builds unless dist/ is fresh
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { readBuildManifest, REPO_ROOT } from '@hatago/cluster';
import { openDatabase } from '@hatago/db';
import { migrateHatago } from '@hatago/schema';
import { bundleArtifact } from '../scripts/build/bundle-artifact.ts';
import { workspacePackageNames } from '../scripts/build/artifact-plan.ts';
import { builtDist } from '../scripts/build/fresh-build.ts';
import { benchClusterBookings } from './lib/cluster-booking-load.ts';
import { type LoadResult, percentile, printTable } from './lib/load.ts';
import { withScratchDatabase } from './lib/scratch-database.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const starts = Number(process.env.BENCH_STARTS ?? 3);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL;
if (!adminUrl || !redisUrl) throw new Error('set BENCH_DATABASE_URL and BENCH_REDIS_URL (or TEST_DATABASE_URL and TEST_REDIS_URL)');
// a Redis database of the bench's own, as bench:booking uses
const benchRedis = new URL(redisUrl);
benchRedis.pathname = '/9';

type Mode = 'source' | 'built';
const SERVICES = ['edge', 'guest', 'facility', 'operator', 'mailer', 'embedded'];
const TSX = import.meta.resolve('tsx');
const secret = randomBytes(32).toString('hex');

const { distDir, temporary } = await builtDist();
const manifest = readBuildManifest(distDir)!;
const entryOf = (service: string) => `apps/${service}/src/main.ts`;
const commandFor = (mode: Mode, service: string) =>
  mode === 'source' ? ['--import', TSX, path.join(REPO_ROOT, entryOf(service))] : [path.join(distDir, manifest.entries[entryOf(service)]!)];

/** Ready: an app's /readyz answers 200; the edge (no backends here) answers at all; embedded serves its home page. */
async function untilReady(url: string, service: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}`);
    const status = await fetch(url, { signal: AbortSignal.timeout(1000) }).then((r) => (r.body?.cancel(), r.status), () => 0);
    if (service === 'edge' ? status > 0 : status === 200) return;
    await delay(20);
  }
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** One start of one service: milliseconds from spawn to ready, and its RSS then. */
async function startOnce(mode: Mode, service: string, env: Record<string, string>): Promise<{ ms: number; rss: number }> {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hatago-bench-start-'));
  const started = performance.now();
  const child = spawn(process.execPath, commandFor(mode, service), {
    cwd: dataDir,
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: dataDir, STORAGE_DIR: path.join(dataDir, 'objects'), SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    await untilReady(`http://127.0.0.1:${port}${service === 'embedded' || service === 'edge' ? '/' : '/readyz'}`, service, child).catch((error: Error) => {
      throw new Error(`${error.message}\n${errors}`);
    });
    return { ms: performance.now() - started, rss: rssMiB(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
    await rm(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

async function startups(databaseUrl: string): Promise<void> {
  const rows: string[][] = [['service', 'ready, sources', 'ready, built', 'ratio', 'RSS, sources', 'RSS, built', 'ratio']];
  for (const service of SERVICES) {
    const measured: Record<Mode, { ms: number; rss: number }> = { source: { ms: 0, rss: 0 }, built: { ms: 0, rss: 0 } };
    for (const mode of ['source', 'built'] as const) {
      const runs = [];
      for (let i = 0; i < starts; i++) runs.push(await startOnce(mode, service, service === 'embedded' ? {} : { DATABASE_URL: databaseUrl, SIGNING_SECRET: secret }));
      measured[mode] = { ms: median(runs.map((r) => r.ms)), rss: median(runs.map((r) => r.rss)) };
    }
    const { source, built } = measured;
    rows.push([service, `${source.ms.toFixed(0)} ms`, `${built.ms.toFixed(0)} ms`, `${(built.ms / source.ms).toFixed(2)}×`, `${source.rss.toFixed(0)} MiB`, `${built.rss.toFixed(0)} MiB`, `${(built.rss / source.rss).toFixed(2)}×`]);
    console.log(`${service}: ready ${source.ms.toFixed(0)} → ${built.ms.toFixed(0)} ms, RSS ${source.rss.toFixed(0)} → ${built.rss.toFixed(0)} MiB`);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(`\nStart-up to ready and RSS when ready, median of ${starts} starts (embedded: fresh PGlite, no demo data):`);
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

console.log(`bench:build on ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}; artifacts in ${distDir}`);
try {
  await withScratchDatabase(adminUrl, async (url) => {
    const database = openDatabase({ kind: 'postgres', url, poolSize: 1, statementTimeoutMs: 60_000, applicationName: 'hatago-bench-migrate' });
    await migrateHatago(database.db);
    await database.close();
    await startups(url);
  });

  // the bench's rules without client limits, built to JavaScript for the built edge, inside
  // its artifact so that what the rules import resolves from the artifact's node_modules
  const sourceRules = fileURLToPath(new URL('./edge-rules-unlimited.ts', import.meta.url));
  const rulesDir = await mkdtemp(path.join(distDir, 'edge', '.bench-rules-'));
  await bundleArtifact(REPO_ROOT, [{ source: path.relative(REPO_ROOT, sourceRules), out: 'edge-rules-unlimited' }], rulesDir, workspacePackageNames(REPO_ROOT));
  const results: LoadResult[] = [];
  for (const mode of ['source', 'built'] as const) {
    // the supervisor from the sources would run a fresh dist/'s services: say which to run
    process.env.HATAGO_SERVICES = mode;
    results.push(
      ...(await withScratchDatabase(adminUrl, (url) =>
        benchClusterBookings({
          label: `API via edge, cluster from ${mode === 'source' ? 'sources (tsx)' : 'dist/ (node)'}`,
          databaseUrl: url,
          redisUrl: benchRedis.toString(),
          concurrency,
          seconds,
          edgeRules: mode === 'source' ? sourceRules : path.join(rulesDir, 'edge-rules-unlimited.js'),
          ...(mode === 'built' ? { command: [path.join(distDir, 'cluster', 'main.js')] } : {}),
        }),
      )),
    );
  }
  await rm(rulesDir, { recursive: true, force: true });
  console.log(`\nBookings through the cluster (2 guest instances), ${concurrency} clients, ${seconds}s each; ratio = built ÷ sources:`);
  printTable(results, results[0]);
} finally {
  if (temporary) await rm(path.dirname(distDir), { recursive: true, force: true });
}
