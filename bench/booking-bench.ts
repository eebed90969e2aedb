/**
 * Bookings per second, side by side in one run, hotel stays and restaurant tables alike:
 * the booking and dining modules called directly on PGlite and on PostgreSQL (no HTTP);
 * through the edge and the JSON API of the cluster on PostgreSQL; and PostgreSQL's own pgbench running the same booking transaction
 * (bench/pgbench/book-stay.sql) with the same concurrency: every row is printed as a ratio
 * to pgbench. Then hotel search latency (p50/p95/p99) at 200 concurrent clients against a
 * guest instance with its Redis cache cold, then warm. Usage:
 *   npm run bench:booking     # PostgreSQL and Redis from BENCH_DATABASE_URL / BENCH_REDIS_URL
 *                             # or TEST_DATABASE_URL / TEST_REDIS_URL
 *   BENCH_SECONDS=20 BENCH_CONCURRENCY=32 npm run bench:booking
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { bookStay } from '@hatago/booking';
import { MemoryCache } from '@hatago/cache';
import { CatalogChanges } from '@hatago/catalog';
import { bookTable, DiningChanges, getRestaurantAvailability } from '@hatago/dining';
import { SandboxPaymentProvider } from '@hatago/payments';
import { type Database, type DatabaseConfig, openDatabase } from '@hatago/db';
import { seedDemoData } from '@hatago/demo-data';
import { DomainError } from '@hatago/platform/errors';
import { migrateHatago } from '@hatago/schema';
import { withScratchDatabase } from './lib/scratch-database.ts';
import { benchClusterBookings, randomBooking } from './lib/cluster-booking-load.ts';
import { findBookableTables, randomTableBooking } from './lib/table-bookings.ts';
import { cpuSnapshot, cpuSpentByRole } from './lib/cpu-by-process.ts';
import { barChartSvg } from './lib/bar-chart.ts';
import { type LoadResult, percentile, printCpuTable, printTable, runLoad } from './lib/load.ts';
import { runPgbench } from './lib/pgbench.ts';
import { benchSearchLatency, printLatencyTable } from './lib/search-latency.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL;
const SEARCH_CLIENTS = 200;
// a Redis database of the bench's own: it is flushed for the cold run
const BENCH_REDIS_DB = 9;
const runId = randomBytes(4).toString('hex');

/** Closed-loop booking load with this run's settings; 409 (sold out, seating full) is a correct refusal. */
const bookingLoad = (label: string, request: (worker: number, n: number) => Promise<number>) =>
  runLoad({ label, concurrency, durationMs: seconds * 1000, rejectedStatuses: [409], request });

async function benchDirect(label: string, config: DatabaseConfig): Promise<LoadResult[]> {
  console.log(`\n${label}: migrate + seed…`);
  const database = openDatabase(config);
  try {
    await migrateAndSeed(database);
    const { rows } = await sql<{ id: number }>`select id from rate_plans where not guarantee_required`.execute(database.db);
    const plans = rows.map((r) => r.id);
    // publishing into an in-process cache, as the embedded platform does, so the direct path pays what the app pays
    const cache = new MemoryCache();
    const booking = { db: database.db, changes: new CatalogChanges(cache) };
    const stays = await bookingLoad(`bookStay() ${label}`, async (worker, n) => {
      try {
        await bookStay(booking, randomBooking(plans, worker), { idempotencyKey: `direct-${runId}-${worker}-${n}` });
        return 201;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'SOLD_OUT') return 409;
        throw error;
      }
    });
    const dining = { db: database.db, changes: new DiningChanges(cache), payments: new SandboxPaymentProvider() };
    const { rows: restaurants } = await sql<{ id: number }>`select id from restaurants`.execute(database.db);
    const tables = await findBookableTables(
      restaurants.map((r) => r.id),
      (id, date) => getRestaurantAvailability(database.db, id, { date, party: 2 }),
    );
    const tableLoad = await bookingLoad(`bookTable() ${label}`, async (worker, n) => {
      try {
        await bookTable(dining, randomTableBooking(tables, worker), { idempotencyKey: `direct-table-${runId}-${worker}-${n}` });
        return 201;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'SEATING_FULL') return 409;
        throw error;
      }
    });
    return [stays, tableLoad];
  } finally {
    await database.close();
  }
}

async function migrateAndSeed(database: Database): Promise<void> {
  await migrateHatago(database.db);
  await seedDemoData(database.db);
}

/**
 * pgbench running bookStay's transaction (bench/pgbench/book-stay.sql) with the same clients
 * for the same time; bookings are counted in the database, as for the API (sold-out
 * transactions roll back there too).
 */
async function benchPgbench(label: string, url: string): Promise<LoadResult> {
  console.log(`\n${label}: migrate + seed…`);
  const database = openDatabase(postgres(url));
  let plans: number;
  try {
    await migrateAndSeed(database);
    plans = (await sql<{ n: number }>`select max(id)::int as n from rate_plans`.execute(database.db)).rows[0]!.n;
  } finally {
    await database.close();
  }
  const cpuBefore = cpuSnapshot();
  const run = await runPgbench({
    label,
    url,
    script: fileURLToPath(new URL('./pgbench/book-stay.sql', import.meta.url)),
    clients: concurrency,
    seconds,
    defines: { plans },
  });
  const cpuSeconds = cpuSpentByRole(cpuBefore, cpuSnapshot());
  const counted = openDatabase(postgres(url));
  try {
    const ok = (await sql<{ n: number }>`select count(*)::int as n from reservations`.execute(counted.db)).rows[0]!.n;
    return {
      label,
      seconds: run.seconds,
      ok,
      rejected: run.processed - ok,
      errors: run.failed,
      perSecond: ok / run.seconds,
      p50: percentile(run.latenciesMs, 50),
      p95: percentile(run.latenciesMs, 95),
      p99: percentile(run.latenciesMs, 99),
      cpuSeconds,
    };
  } finally {
    await counted.close();
  }
}

async function benchSearch(url: string, redis: string): Promise<LoadResult[]> {
  console.log('\nsearch latency: migrate + seed, then one guest instance with Redis…');
  const database = openDatabase(postgres(url));
  try {
    await migrateAndSeed(database);
  } finally {
    await database.close();
  }
  return benchSearchLatency({ databaseUrl: url, redisUrl: redis, concurrency: SEARCH_CLIENTS, seconds });
}

const postgres = (url: string): DatabaseConfig => ({
  kind: 'postgres',
  url,
  poolSize: 16,
  statementTimeoutMs: 10_000,
  applicationName: 'hatago-bench',
});

/** Each table run beside its stay run: restaurant bookings/s ÷ hotel bookings/s on the same path. */
function printTableToStayRatios(all: LoadResult[]): void {
  console.log('\n| path | stays/s | tables/s | tables ÷ stays |');
  console.log('|---|---:|---:|---:|');
  for (const tables of all.filter((r) => /bookTable\(\)|: tables$/.test(r.label))) {
    const path = tables.label.replace('bookTable() ', '').replace(/: tables$/, '');
    const stays = all.find((r) => r.label === `bookStay() ${path}` || r.label === `${path}: stays`);
    if (stays) console.log(`| ${path} | ${stays.perSecond.toFixed(0)} | ${tables.perSecond.toFixed(0)} | ${(tables.perSecond / stays.perSecond).toFixed(2)} |`);
  }
}

/** Bookings/s and p99 per configuration as an SVG beside the tables (BENCH_CHART, default docs/charts/bench-booking.svg). */
function writeChart(all: LoadResult[]): void {
  const file = path.resolve(process.env.BENCH_CHART ?? fileURLToPath(new URL('../docs/charts/bench-booking.svg', import.meta.url)));
  const rows = all.map((r) => r.label.replace(/ \([^)]*\)/g, ''));
  const title = `bench:booking, ${concurrency} clients, ${seconds}s per run, ${os.cpus().length} cores (${new Date().toISOString().slice(0, 16)} UTC)`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, barChartSvg(title, rows, [
    { title: 'bookings per second', unit: 'answered/s', values: all.map((r) => r.perSecond) },
    { title: 'p99 latency', unit: 'ms', values: all.map((r) => r.p99) },
  ]));
  console.log(`\nchart: ${path.relative(process.cwd(), file)}`);
}

console.log(`bench:booking on ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
const results: LoadResult[] = await benchDirect('direct, PGlite', { kind: 'pglite' });
if (adminUrl && redisUrl) {
  // a Redis database of the bench's own: the search run flushes it for its cold cache
  const benchRedis = new URL(redisUrl);
  benchRedis.pathname = `/${BENCH_REDIS_DB}`;
  results.push(...(await withScratchDatabase(adminUrl, (url) => benchDirect('direct, PostgreSQL (pool 16)', postgres(url)))));
  results.push(...(await withScratchDatabase(adminUrl, (url) =>
        benchClusterBookings({
          label: 'API via edge, cluster on PostgreSQL (2 guest instances, pool 16 each)',
          databaseUrl: url,
          redisUrl: benchRedis.toString(),
          concurrency,
          seconds,
          edgeRules: fileURLToPath(new URL('./edge-rules-unlimited.ts', import.meta.url)),
          tables: true,
        }),)));
  const pgbench = await withScratchDatabase(adminUrl, (url) => benchPgbench('pgbench, the same transaction', url));
  results.push(pgbench);
  const searches = await withScratchDatabase(adminUrl, (url) => benchSearch(url, benchRedis.toString()));
  console.log(`\nBookings: ${concurrency} concurrent clients, ${seconds}s each; ratio = bookings/s ÷ pgbench's (the same transaction on the same server).`);
  printTable(results, pgbench);
  printCpuTable(results);
  console.log(`\nHotel search on PostgreSQL, one guest instance with its Redis cache, ${SEARCH_CLIENTS} concurrent clients:`);
  printLatencyTable(searches);
} else {
  console.log('\nPostgreSQL skipped: set BENCH_DATABASE_URL and BENCH_REDIS_URL (or TEST_DATABASE_URL and TEST_REDIS_URL), e.g. from scripts/start-test-postgres.sh and start-test-redis.sh');
  printTable(results);
  printCpuTable(results);
}
printTableToStayRatios(results);
writeChart(results);
console.log(
  '\n409 = sold out or seating full, a correct answer (pgbench: transactions rolled back as sold out). Stays are random over 300 days and every plan; tables for two at a random bookable seating and course of every restaurant within three weeks, each with a sandbox card guarantee.',
);
