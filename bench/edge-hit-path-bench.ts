/**
 * How much the edge's cache-hit path costs over the cheapest possible answer: wrk against
 * (a) a bare node http server answering an 8 KB body from memory and (b) the whole edge
 * (rules, pipeline, cache) answering the same 8 KB page from its cache. Each runs alone in
 * its own process; the runs alternate so drift on a shared machine hits both.
 *
 *   node --import tsx bench/edge-hit-path-bench.ts [--seconds 5] [--connections 50] [--rounds 2]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { defineEdgeRules } from '@hatago/edge-rules';
import { EdgeCache } from '@hatago/http-cache';
import { createLogger } from '@hatago/platform/logging';
import { runWrk, type WrkResult } from '../apps/edge/test/harness/wrk.ts';
import { createEdgeServer } from '../apps/edge/src/edge-server.ts';

const BODY = Buffer.from(`<!doctype html><title>Hotel</title>${'<p>Quiet rooms over the garden, kaiseki dinner, onsen.</p>'.repeat(200)}`.slice(0, 8192));
const PATH = '/hotels/1';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
  },
});

const listenOn = (server: http.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

const page = (res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=3600', 'content-length': BODY.length });
  res.end(BODY);
};

async function serve(role: string): Promise<number> {
  if (role === 'bare') return listenOn(http.createServer((_req, res) => page(res)));
  const origin = http.createServer((_req, res) => page(res));
  const originPort = await listenOn(origin);
  const backend = {
    probe: { path: '/', intervalMs: 60_000, timeoutMs: 1000, window: 1, threshold: 1 },
    connectTimeoutMs: 1000,
    firstByteTimeoutMs: 5000,
    idleTimeoutMs: 5000,
    balance: 'round-robin' as const,
  };
  const edge = createEdgeServer({
    rules: defineEdgeRules({
      backends: { site: backend },
      redirects: [],
      routes: [
        {
          name: 'hotel',
          match: { pathPattern: '^/hotels/[0-9]+$', methods: ['GET', 'HEAD'] },
          backend: 'site',
          cache: { ttl: 'origin', graceSeconds: 0, key: { query: [], locale: false, device: false } },
        },
      ],
      headers: { request: [], response: [] },
      rateLimits: [],
      limits: { maxHeaderBytes: 16_384, maxUrlBytes: 8192, maxBodyBytes: 1_048_576 },
    }),
    instances: { site: [`http://127.0.0.1:${originPort}`] },
    logger: createLogger('edge-bench', 'silent'),
    accessLog: false,
    probes: false,
    cache: new EdgeCache(),
  });
  return listenOn(edge.server);
}

function start(role: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--role', role], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.on('data', (chunk: Buffer) => {
      const port = /listening (\d+)/.exec(chunk.toString())?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
  });
}

/**
 * CPU seconds a process has used (user + system, from /proc): on a machine shared with other
 * work, CPU per request is the steadier measure of the hit path's cost than requests per second.
 */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // fields after the command: utime and stime are the 12th and 13th, in clock ticks (100 per second)
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function warm(base: string) {
  const res = await fetch(base + PATH);
  await res.arrayBuffer();
  const again = await fetch(base + PATH);
  await again.arrayBuffer();
  return again.headers.get('x-cache');
}

if (values.role) {
  const port = await serve(values.role);
  // exit normally, so --cpu-prof (when profiling this child by hand) gets written
  process.once('SIGTERM', () => process.exit(0));
  console.log(`listening ${port}`);
} else {
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  type Run = WrkResult & { cpuMicros: number };
  const results: Record<string, Run[]> = { bare: [], edge: [] };
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const role of ['bare', 'edge']) {
      const { child, base } = await start(role);
      try {
        const cache = await warm(base);
        console.error(`round ${round}: ${role}${cache ? ` (X-Cache: ${cache})` : ''}, wrk -t1 -c${connections} -d${seconds}s …`);
        const cpuBefore = cpuSeconds(child.pid!);
        const wrk = await runWrk({ base, paths: [PATH], connections, threads: 1, seconds });
        const result = { ...wrk, cpuMicros: ((cpuSeconds(child.pid!) - cpuBefore) / wrk.requests) * 1e6 };
        results[role]!.push(result);
        console.error(
          `  ${Math.round(result.perSecond)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.cpuMicros.toFixed(1)} µs CPU/request, ${result.errors} errors`,
        );
      } finally {
        child.kill();
      }
    }
  }
  const best = (list: Run[]) => list.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const cheapest = (list: Run[]) => Math.min(...list.map((run) => run.cpuMicros));
  const bare = best(results.bare!);
  const edge = best(results.edge!);
  console.log(`bare node 8 KB: ${Math.round(bare.perSecond)} req/s, p99 ${bare.p99Ms.toFixed(2)} ms, ${cheapest(results.bare!).toFixed(1)} µs CPU/request`);
  console.log(`edge cache hit: ${Math.round(edge.perSecond)} req/s, p99 ${edge.p99Ms.toFixed(2)} ms, ${cheapest(results.edge!).toFixed(1)} µs CPU/request`);
  console.log(
    `edge / bare: ${(edge.perSecond / bare.perSecond).toFixed(2)}× throughput, ${(edge.p99Ms / bare.p99Ms).toFixed(2)}× p99, ${(cheapest(results.edge!) / cheapest(results.bare!)).toFixed(2)}× CPU per request`,
  );
}
