/**
 * The edge side by side, in one run: the same origin (8 KB pages from memory), the same
 * URLs and the same wrk load through the Node edge (its own process, `apps/edge/src/main.ts`
 * with the bench rules), through bare Node doing none of the edge's work (the ceiling,
 * `apps/edge/test/bench/bare-node.ts`), through varnishd running the VCL those rules
 * compile to, and through nginx with proxy_cache. For each: cache hits, pass-through, and a 90/10 mix;
 * requests/s and p50/p99 latency, printed with ratios to Varnish. Loopback only; stops by
 * itself. Usage:
 *   npm run bench:edge
 *   BENCH_SECONDS=20 BENCH_ROUNDS=3 BENCH_CONNECTIONS=64 BENCH_EDGE_WORKERS=2 npm run bench:edge
 *   git worktree add /tmp/before HEAD~1 && cp -a node_modules /tmp/before/ &&
 *     BENCH_AGAINST=/tmp/before BENCH_LOADS=hit npm run bench:edge      # a change A/B, same rounds
 * (a copy of node_modules, not a link: the workspace links inside must resolve @hatago/* to that tree)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import bench from '../apps/edge/test/bench/bench-rules.ts';
import { BODY_BYTES, startBenchOrigin } from '../apps/edge/test/bench/bench-origin.ts';
import { startServerProcess } from '../apps/edge/test/harness/child-process.ts';
import { freePort } from '../apps/edge/test/harness/free-port.ts';
import { startNginxCache } from '../apps/edge/test/harness/nginx.ts';
import { startVarnish } from '../apps/edge/test/harness/varnish.ts';
import { runWrk, type WrkResult } from '../apps/edge/test/harness/wrk.ts';
import { compileVcl } from '@hatago/vcl';
import { type CpuSnapshot, cpuSnapshot, cpuSpentByRole } from './lib/cpu-by-process.ts';
import { profileHitStages } from './lib/hit-stages.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const threads = Number(process.env.BENCH_THREADS ?? 2);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const edgeWorkers = process.env.BENCH_EDGE_WORKERS ?? String(os.cpus().length);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const hits = Array.from({ length: 20 }, (_, i) => `/hotels/${i + 1}?checkin=2026-12-0${(i % 9) + 1}`);
const passes = Array.from({ length: 20 }, (_, i) => `/pass/${i + 1}`);
// nine hits, then one pass, over the same 20 pages
const mix = Array.from({ length: 20 }, (_, i) => (i % 10 === 9 ? passes[i]! : hits[i]!));
const ALL_LOADS = [
  { name: 'hit', paths: hits },
  { name: 'pass', paths: passes },
  { name: 'mix 90/10', paths: mix },
] as const;
// BENCH_LOADS=hit,pass narrows the run, e.g. to A/B one change quickly
const wanted = process.env.BENCH_LOADS?.split(',').map((name) => name.trim());
const LOADS = ALL_LOADS.filter((load) => wanted === undefined || wanted.some((name) => load.name.startsWith(name)));
// BENCH_AGAINST=<another checkout> adds the Node edge of that tree (e.g. a `git worktree` of the previous commit), measured in the same rounds
const against = process.env.BENCH_AGAINST;

interface Runtime {
  name: string;
  base: string;
  /** Its processes' roles in bench/lib/cpu-by-process.ts (the edge and bare Node both run from apps/edge: 'edge'). */
  roles: string[];
  stop: () => Promise<void>;
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of each figure over a runtime's rounds (errors summed): one slow or lucky round does not decide a ratio. */
function medianOf(runs: WrkResult[]): WrkResult {
  return {
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    perSecond: median(runs.map((run) => run.perSecond)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

interface Row {
  runtime: string;
  load: string;
  result: WrkResult;
  cpuUs: number;
}

/** CPU µs per request of a runtime's own processes, from /proc: what it costs apart from any time spent waiting for a core. */
function cpuPerRequest(runtime: Runtime, before: CpuSnapshot, after: CpuSnapshot, requests: number): number {
  const spent = cpuSpentByRole(before, after);
  const seconds = runtime.roles.reduce((sum, role) => sum + (spent.get(role) ?? 0), 0);
  return (seconds * 1e6) / Math.max(1, requests);
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const BARE = 'bare Node (ceiling)';

/** Requests every hit URL twice; returns what is wrong when the second answer is not a full 200 from the cache. */
async function warm(runtime: Runtime): Promise<string | undefined> {
  for (const url of hits) await (await fetch(runtime.base + url)).arrayBuffer();
  for (const url of hits) {
    const res = await fetch(runtime.base + url);
    const body = await res.arrayBuffer();
    const status = res.headers.get('x-cache');
    if (res.status !== 200 || body.byteLength !== BODY_BYTES || !status?.startsWith('HIT')) {
      return `${url} is not a cache hit after warming (status ${res.status}, X-Cache ${status}, ${body.byteLength} bytes)`;
    }
  }
  return undefined;
}

/** How a runtime's Node process is started besides its defaults: the stage profile runs one process with the profiler on. */
interface NodeStart {
  workers?: string;
  nodeArgs?: string[];
}

async function startNodeEdge(origin: URL, tree = root, name = 'Node edge', start: NodeStart = {}): Promise<Runtime> {
  const port = await freePort();
  // a server process of the harness: killed with the bench however the bench ends
  const edge = startServerProcess(process.execPath, [...(start.nodeArgs ?? []), '--import', 'tsx', path.join(tree, 'apps/edge/src/main.ts')], {
    // the access log stays on, as in production; it is dropped
    dropStdout: true,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      EDGE_RULES: path.join(tree, 'apps/edge/test/bench/bench-rules.ts'),
      EDGE_BACKENDS: JSON.stringify({ origin: [origin.href] }),
      EDGE_WORKERS: start.workers ?? edgeWorkers,
      NODE_ENV: 'production',
    },
  });
  const base = await answering(`http://127.0.0.1:${port}`, edge, name);
  const workers = childProcessesOf(edge.child.pid!);
  log(`  ${name}: ${workers === 0 ? 'one process' : `${workers} worker processes (EDGE_WORKERS)`}`);
  return { name, base, roles: ['edge'], stop: () => edge.stop(10_000) };
}

async function startBareNode(origin: URL, start: NodeStart = {}): Promise<Runtime> {
  const port = await freePort();
  const bare = startServerProcess(process.execPath, [...(start.nodeArgs ?? []), '--import', 'tsx', path.join(root, 'apps/edge/test/bench/bare-node.ts'), origin.origin, String(port), start.workers ?? edgeWorkers], {
    dropStdout: true,
  });
  const base = await answering(`http://127.0.0.1:${port}`, bare, 'bare Node');
  return { name: BARE, base, roles: ['edge'], stop: () => bare.stop(10_000) };
}

/** Waits (up to a minute) until a started Node process answers; fails with its output if it exits first. */
async function answering(base: string, server: ReturnType<typeof startServerProcess>, name: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`${name} exited (${server.child.exitCode}) before it answered:\n${server.output()}`);
    try {
      await (await fetch(`${base}/pass/0`)).arrayBuffer();
      return base;
    } catch (error) {
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`${name} did not answer: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** How many processes `pid` started (Linux /proc), to report whether the Node edge ran as a cluster. */
function childProcessesOf(pid: number): number {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) count++;
    } catch {
      // the process ended while we looked
    }
  }
  return count;
}

async function startVarnishEdge(origin: URL): Promise<Runtime> {
  const compiled = compileVcl(bench, { origin: [origin.href] });
  // a production-like varnishd: one thread pool per core, Varnish's own default pool sizes
  const varnish = await startVarnish({
    vcl: compiled.vcl,
    params: { ...compiled.params, thread_pools: '2', thread_pool_min: '100', thread_pool_max: '5000', vsl_space: '80M' },
  });
  return { name: 'Varnish', base: varnish.url, roles: ['varnishd', 'cache-main'], stop: varnish.stop };
}

async function startNginx(origin: URL): Promise<Runtime> {
  const nginx = await startNginxCache({ origin, passPrefixes: ['/pass'], defaultTtlSeconds: 3600, workers: os.cpus().length });
  return { name: 'nginx proxy_cache', base: nginx.url, roles: ['nginx'], stop: nginx.stop };
}

/** The first line a tool prints about its version (varnishd, nginx and wrk print it on stderr). */
const version = (command: string, args: string[]) => {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  return `${run.stdout ?? ''}${run.stderr ?? ''}`.split('\n')[0]!.trim();
};

function printTable(rows: Row[]) {
  const varnish = (load: string) => rows.find((row) => row.runtime === 'Varnish' && row.load === load)?.result;
  const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : '-');
  log('\n| load | runtime | req/s | p50 ms | p99 ms | errors | req/s ÷ Varnish | p99 ÷ Varnish | CPU µs/req |');
  log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const load of LOADS) {
    for (const row of rows.filter((r) => r.load === load.name)) {
      const { result } = row;
      const base = varnish(load.name);
      log(
        `| ${load.name} | ${row.runtime} | ${Math.round(result.perSecond)} | ${result.p50Ms.toFixed(2)} | ${result.p99Ms.toFixed(2)} | ${result.errors} | ${ratio(result.perSecond, base?.perSecond)} | ${ratio(result.p99Ms, base?.p99Ms)} | ${row.cpuUs.toFixed(1)} |`,
      );
    }
  }
  const node = (load: string) => rows.find((row) => row.runtime === 'Node edge' && row.load === load)?.result;
  const hit = node('hit');
  const pass = node('pass');
  const vHit = varnish('hit');
  const vPass = varnish('pass');
  if (hit && pass && vHit && vPass) {
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    log('\nTargets of issue 6 (Node edge against Varnish):');
    log(`  hit throughput ≥ 0.8×: ${(hit.perSecond / vHit.perSecond).toFixed(2)}× — ${verdict(hit.perSecond >= 0.8 * vHit.perSecond)}`);
    log(`  hit p99 ≤ 1.5×: ${(hit.p99Ms / vHit.p99Ms).toFixed(2)}× — ${verdict(hit.p99Ms <= 1.5 * vHit.p99Ms)}`);
    log(`  pass throughput ≥ 2×: ${(pass.perSecond / vPass.perSecond).toFixed(2)}× — ${verdict(pass.perSecond >= 2 * vPass.perSecond)}`);
  }
  const bare = (load: string) => rows.find((row) => row.runtime === BARE && row.load === load)?.result;
  if (hit && pass && bare('hit') && bare('pass')) {
    log('\nNode edge against bare Node (how much of what Node itself does here the edge keeps):');
    log(`  hits ${(hit.perSecond / bare('hit')!.perSecond).toFixed(2)}×, pass ${(pass.perSecond / bare('pass')!.perSecond).toFixed(2)}×; bare Node against Varnish: hits ${ratio(bare('hit')!.perSecond, vHit?.perSecond)}×, pass ${ratio(bare('pass')!.perSecond, vPass?.perSecond)}×`);
    const cpuOf = (runtime: string, load: string) => rows.find((row) => row.runtime === runtime && row.load === load)?.cpuUs;
    for (const load of ['hit', 'pass']) {
      const [edgeUs, bareUs] = [cpuOf('Node edge', load), cpuOf(BARE, load)];
      if (edgeUs && bareUs) log(`  CPU per ${load} (/proc, the servers' processes): Node edge ${edgeUs.toFixed(1)} µs, bare Node ${bareUs.toFixed(1)} µs, the edge's own work ${(edgeUs - bareUs).toFixed(1)} µs`);
    }
  }
}

async function main() {
  const cpus = os.cpus();
  log(`bench:edge — ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  log(`  ${version('varnishd', ['-V'])}; ${version('nginx', ['-v'])}; ${version('wrk', ['-v'])}`);
  log(`  load average at start: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (other work on the machine shows here)`);
  log(`  wrk -t${threads} -c${connections} -d${seconds}s --latency, 20 URLs per load, ${BODY_BYTES}-byte bodies; Node edge EDGE_WORKERS=${edgeWorkers}`);
  log(`  ${rounds} rounds; the table shows each runtime's median over them`);

  const origin = await startBenchOrigin();
  const rows: Row[] = [];
  const failures: string[] = [];
  const runtimes: Runtime[] = [];
  try {
    const starters = [
      startNodeEdge,
      ...(against ? [(origin: URL) => startNodeEdge(origin, path.resolve(against), `Node edge @ ${path.basename(path.resolve(against))}`)] : []),
      startBareNode,
      startVarnishEdge,
      startNginx,
    ];
    for (const start of starters) {
      const runtime = await start(origin.url);
      runtimes.push(runtime);
      log(`${runtime.name}: warming the cache, then ${warmupSeconds}s of pass and ${warmupSeconds}s of mix, unrecorded…`);
      const notCaching = await warm(runtime);
      // measured anyway, but labelled: its "hit" figures are not hits
      if (notCaching) {
        log(`  WARNING ${runtime.name}: ${notCaching}`);
        runtime.name += ' (NOT caching)';
      }
      // unrecorded: lets the Node edge's JIT compile its hot paths, so the first measured load is not its warm-up
      for (const paths of [passes, mix]) await runWrk({ base: runtime.base, paths, connections, threads, seconds: warmupSeconds });
    }
    // load by load, the runtimes back to back: on a shared machine, what is compared is measured minutes apart at most;
    // each round starts the order one runtime later, so none is always the first after a quiet spell
    const samples = new Map<string, Array<{ result: WrkResult; cpuUs: number }>>();
    for (let round = 1; round <= rounds; round++) {
      for (const load of LOADS) {
        const order = runtimes.map((_, i) => runtimes[(i + round - 1) % runtimes.length]!);
        for (const runtime of order) {
          if (failures.includes(runtime.name)) continue;
          log(`round ${round}/${rounds}, ${runtime.name}: ${load.name} for ${seconds}s…`);
          const before = { requests: origin.requests(), connections: origin.connections() };
          try {
            const cpuBefore = cpuSnapshot();
            const result = await runWrk({ base: runtime.base, paths: [...load.paths], connections, threads, seconds });
            const cpuUs = cpuPerRequest(runtime, cpuBefore, cpuSnapshot(), result.requests);
            log(
              `  ${Math.round(result.perSecond)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.errors} errors; origin: ${origin.requests() - before.requests} requests on ${origin.connections() - before.connections} new connections`,
            );
            const key = `${runtime.name}\n${load.name}`;
            samples.set(key, [...(samples.get(key) ?? []), { result, cpuUs }]);
          } catch (error) {
            // a runtime that fails (crashes, refuses connections) is reported and the others still run
            log(`  FAILED ${runtime.name}: ${(error as Error).message.trim()}`);
            failures.push(runtime.name);
          }
        }
      }
    }
    for (const load of LOADS) {
      for (const runtime of runtimes) {
        const runs = samples.get(`${runtime.name}\n${load.name}`);
        if (runs) {
          rows.push({ runtime: runtime.name, load: load.name, result: medianOf(runs.map((run) => run.result)), cpuUs: median(runs.map((run) => run.cpuUs)) });
        }
      }
    }
  } finally {
    for (const runtime of runtimes) await runtime.stop();
  }
  printTable(rows);
  try {
    // BENCH_STAGES=0 leaves the stage profile out
    if (process.env.BENCH_STAGES !== '0' && LOADS.some((load) => load.name === 'hit')) {
      const one = { workers: '1' };
      await profileHitStages(
        [(nodeArgs) => startNodeEdge(origin.url, root, 'Node edge', { ...one, nodeArgs }), (nodeArgs) => startBareNode(origin.url, { ...one, nodeArgs })],
        hits,
        seconds,
        log,
      );
    }
  } finally {
    await origin.stop();
  }
  if (failures.length > 0) {
    log(`\nFailed during the run: ${failures.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
