/**
 * What tracing and metrics cost the guest API, side by side in one run: the same guest app
 * process (apps/guest/src/main.ts on PostgreSQL, as the cluster starts it, telemetry hooks
 * preloaded) under four settings, each loaded with the same mix (four hotel pages with
 * prices for random dates, then one booking):
 *   off        OTEL_SDK_DISABLED=true and no METRICS_TOKEN: no hooks, no SDK, no metrics
 *   unset      the hooks loaded but nothing configured: what every process pays by default
 *   metrics    metrics on (scraped every second), no tracing: to tell the two costs apart
 *   10 %       metrics on (scraped every second), traces sampled at 10 % and exported over
 *              OTLP/HTTP protobuf to a sink receiver on loopback in this process
 *   100 %      the same, every trace
 * Rounds alternate the settings so drift of a shared machine spreads over all of them; the
 * table gives each setting's median round and its ratio to `off`. Throughput on a machine
 * shared with other work swings from round to round, so the app process's own CPU time per
 * request (user + system, from /proc) is printed too: it is what tracing adds, and at
 * saturation the throughput cost is 1 − off/setting of it. Usage:
 *   npm run bench:overhead                   # PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL
 *   BENCH_SECONDS=15 BENCH_ROUNDS=3 BENCH_CONCURRENCY=16 npm run bench:overhead
 *   BENCH_SETTINGS=unset,100 npm run bench:overhead     # only these settings (and off, the base)
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { startAppProcess } from '@hatago/cluster';
import { openDatabase } from '@hatago/db';
import { seedDemoData } from '@hatago/demo-data';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { migrateHatago } from '@hatago/schema';
import { type LoadResult, runLoad } from './lib/load.ts';
import { withScratchDatabase } from './lib/scratch-database.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL (npm test starts one: bash scripts/start-test-postgres.sh)');
const REPO = fileURLToPath(new URL('..', import.meta.url));
const METRICS_TOKEN = randomBytes(16).toString('hex');
const today = tokyoToday();

/** The collector's stand-in: takes OTLP/HTTP on loopback and answers as a collector does. */
async function startSink() {
  let requests = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    take: () => {
      const seen = { requests, bytes };
      requests = bytes = 0;
      return seen;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SETTINGS = (sink: string): Array<{ label: string; env: Record<string, string>; scrape: boolean }> => [
  { label: 'off', env: { OTEL_SDK_DISABLED: 'true' }, scrape: false },
  { label: 'unset', env: {}, scrape: false },
  { label: 'metrics', env: { METRICS_TOKEN }, scrape: true },
  { label: '10 %', env: { METRICS_TOKEN, OTEL_EXPORTER_OTLP_ENDPOINT: sink, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }, scrape: true },
  { label: '100 %', env: { METRICS_TOKEN, OTEL_EXPORTER_OTLP_ENDPOINT: sink, OTEL_TRACES_SAMPLER: 'parentbased_always_on' }, scrape: true },
];

async function loadGuest(label: string, url: string, hotels: number[], plans: number[], scrape: boolean, durationMs = seconds * 1000): Promise<LoadResult> {
  const pool = new Pool(url, { connections: concurrency });
  const scraper = scrape
    ? setInterval(() => void fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.arrayBuffer()), 1000)
    : undefined;
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  try {
    return await runLoad({
      label,
      concurrency,
      durationMs,
      rejectedStatuses: [409],
      request: async (worker, n) => {
        const checkin = addDays(today, 1 + Math.floor(Math.random() * 25));
        const booking = n % 5 === 4;
        const { statusCode, body } = await pool.request(
          booking
            ? {
                method: 'POST',
                path: '/api/v1/reservations',
                headers: { 'content-type': 'application/json', 'idempotency-key': `overhead-${worker}-${n}-${randomBytes(6).toString('hex')}` },
                body: JSON.stringify({ planId: pick(plans), checkin, nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { name: 'ベンチ 太郎', email: `bench${worker}@example.com`, phone: '090-0000-0000' } }),
              }
            : { method: 'GET', path: `/api/v1/hotels/${pick(hotels)}?checkin=${checkin}&nights=1&rooms=1` },
        );
        await body.dump();
        return statusCode;
      },
    });
  } finally {
    clearInterval(scraper);
    await pool.close();
  }
}

/** CPU time the process has used so far, in milliseconds (Linux /proc: utime + stime in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Round extends LoadResult {
  cpuMsPerRequest: number;
}

const median = (results: Round[], key: 'perSecond' | 'p99' | 'cpuMsPerRequest') => [...results].map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)]!;

await withScratchDatabase(adminUrl, async (databaseUrl) => {
  const database = openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 4, statementTimeoutMs: 60_000, applicationName: 'hatago-bench' });
  await migrateHatago(database.db);
  await seedDemoData(database.db, { hotelsPerArea: 2, days: 30 });
  const hotels = (await sql<{ id: number }>`select id from hotels`.execute(database.db)).rows.map((r) => r.id);
  const plans = (await sql<{ id: number }>`select id from rate_plans where not guarantee_required`.execute(database.db)).rows.map((r) => r.id);
  await database.close();

  const sink = await startSink();
  const wanted = process.env.BENCH_SETTINGS?.split(',').map((name) => name.trim());
  const settings = SETTINGS(sink.url).filter((s) => s.label === 'off' || wanted === undefined || wanted.some((name) => s.label.startsWith(name)));
  const results = new Map<string, Round[]>(settings.map((s) => [s.label, []]));
  const exported = new Map<string, number>(settings.map((s) => [s.label, 0]));
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const setting of settings) {
        const app = await startAppProcess('guest', REPO, {
          ...setting.env,
          DATABASE_URL: databaseUrl,
          SIGNING_SECRET: randomBytes(32).toString('hex'),
          LOG_LEVEL: 'warn',
          DB_POOL_SIZE: '10',
          BOOKING_ATTEMPTS_PER_MINUTE: '1000000',
          // a short batch delay keeps the exporter's work inside the measured window
          OTEL_BSP_SCHEDULE_DELAY: '500',
        });
        try {
          // two seconds of warm-up: the JIT and the cache see the same work in every setting
          await loadGuest(`${setting.label} warm-up`, app.url, hotels, plans, false, 2000);
          sink.take();
          const cpuBefore = cpuMsOf(app.child.pid!);
          const result = await loadGuest(`${setting.label} round ${round}`, app.url, hotels, plans, setting.scrape);
          results.get(setting.label)!.push({ ...result, cpuMsPerRequest: (cpuMsOf(app.child.pid!) - cpuBefore) / (result.ok + result.rejected) });
        } finally {
          await app.kill('SIGTERM');
        }
        exported.set(setting.label, exported.get(setting.label)! + sink.take().bytes);
      }
    }
  } finally {
    await sink.close();
  }

  const base = results.get('off')!;
  console.log(`\nguest API, ${concurrency} clients, ${seconds} s × ${rounds} rounds per setting, mix: 4 hotel pages with prices : 1 booking`);
  console.log('\n| setting | requests/s (median round) | p99 ms (median round) | app CPU ms/request (median) | errors | OTLP bytes exported | throughput vs off | p99 vs off | CPU/request vs off |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const setting of settings) {
    const runs = results.get(setting.label)!;
    const rps = median(runs, 'perSecond');
    const p99 = median(runs, 'p99');
    const cpu = median(runs, 'cpuMsPerRequest');
    const errors = runs.reduce((sum, r) => sum + r.errors, 0);
    console.log(
      `| ${setting.label} | ${rps.toFixed(0)} | ${p99.toFixed(1)} | ${cpu.toFixed(2)} | ${errors} | ${exported.get(setting.label)} | ${(rps / median(base, 'perSecond')).toFixed(3)} | ${(p99 / median(base, 'p99')).toFixed(2)} | ${(cpu / median(base, 'cpuMsPerRequest')).toFixed(3)} |`,
    );
    console.log(`    rounds: ${runs.map((r) => `${r.perSecond.toFixed(0)}/s ${r.cpuMsPerRequest.toFixed(2)} ms CPU`).join(', ')}`);
  }
});
