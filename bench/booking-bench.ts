/**
 * Bookings per second on PGlite (embedded) and on PostgreSQL, side by side in one run:
 * through the edge and the JSON API (the platform in its own process), and calling the
 * booking module directly (no HTTP), which shows what the HTTP layers cost. Usage:
 *   npm run bench:booking                       # PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL
 *   BENCH_SECONDS=20 BENCH_CONCURRENCY=32 npm run bench:booking
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { Pool } from 'undici';
import { bookStay, type BookingRequest } from '@hatago/booking';
import { type DatabaseConfig, openDatabase } from '@hatago/db';
import { seedDemoData } from '@hatago/demo-data';
import { DomainError } from '@hatago/platform/errors';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { migrateHatago } from '@hatago/schema';
import { type LoadResult, printTable, runLoad } from './lib/load.ts';
import { startPlatformProcess } from './lib/platform-process.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const runId = randomBytes(4).toString('hex');
const today = tokyoToday();

/** A random stay over the seeded year and every plan, so bookings rarely collide. */
function randomBooking(plans: number[], worker: number): BookingRequest {
  return {
    planId: plans[Math.floor(Math.random() * plans.length)],
    checkin: addDays(today, 1 + Math.floor(Math.random() * 300)),
    nights: 1 + Math.floor(Math.random() * 3),
    guests: 1,
    rooms: 1,
    guest: { name: 'ベンチ 太郎', email: `bench${worker}@example.com`, phone: '090-0000-0000' },
  };
}

/** Closed-loop booking load with this run's settings; 409 (sold out) is a correct refusal. */
const bookingLoad = (label: string, request: (worker: number, n: number) => Promise<number>) =>
  runLoad({ label, concurrency, durationMs: seconds * 1000, rejectedStatuses: [409], request });

const getJson = async <T>(url: string) => (await (await fetch(url)).json()) as T;

async function benchApi(label: string, env: Record<string, string>): Promise<LoadResult> {
  console.log(`\n${label}: starting the platform (migrate + seed)…`);
  const platform = await startPlatformProcess(env);
  const pool = new Pool(platform.url, { connections: concurrency });
  try {
    // the plans a guest can find, discovered through the API itself
    const { items: hotels } = await getJson<{ items: Array<{ id: number }> }>(
      `${platform.url}/api/v1/hotels?checkin=${addDays(today, 30)}&guests=1&pageSize=100`,
    );
    const plans: number[] = [];
    for (const hotel of hotels) {
      const offer = await getJson<{ roomTypes: Array<{ plans: Array<{ id: number }> }> }>(
        `${platform.url}/api/v1/hotels/${hotel.id}?checkin=${addDays(today, 30)}&guests=1`,
      );
      offer.roomTypes.forEach((rt) => rt.plans.forEach((p) => plans.push(p.id)));
    }
    console.log(`${label}: ${plans.length} plans; ${concurrency} clients for ${seconds}s`);
    return await bookingLoad(label, async (worker, n) => {
      const res = await pool.request({
        method: 'POST',
        path: '/api/v1/reservations',
        headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${runId}-${worker}-${n}` },
        body: JSON.stringify(randomBooking(plans, worker)),
        });
        await res.body.dump();
        return res.statusCode;
    });
  } finally {
    await pool.close();
    await platform.stop();
  }
}

async function benchDirect(label: string, config: DatabaseConfig): Promise<LoadResult> {
  console.log(`\n${label}: migrate + seed…`);
  const database = openDatabase(config);
  try {
    await migrateHatago(database.db);
    await seedDemoData(database.db);
    const { rows } = await sql<{ id: number }>`select id from rate_plans`.execute(database.db);
    const plans = rows.map((r) => r.id);
    return await bookingLoad(label, async (worker, n) => {
      try {
        await bookStay(database.db, randomBooking(plans, worker), { idempotencyKey: `direct-${runId}-${worker}-${n}` });
        return 201;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'SOLD_OUT') return 409;
        throw error;
      }
    });
  } finally {
    await database.close();
  }
}

async function withPostgresDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `hatago_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const postgres = (url: string): DatabaseConfig => ({
  kind: 'postgres',
  url,
  poolSize: 16,
  statementTimeoutMs: 10_000,
  applicationName: 'hatago-bench',
});

console.log(`bench:booking on ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
const api: LoadResult[] = [await benchApi('API via edge, PGlite', {})];
const direct: LoadResult[] = [await benchDirect('bookStay() direct, PGlite', { kind: 'pglite' })];
if (adminUrl) {
  api.push(await withPostgresDatabase((url) => benchApi('API via edge, PostgreSQL (pool 16)', { DATABASE_URL: url, DB_POOL_SIZE: '16' })));
  direct.push(await withPostgresDatabase((url) => benchDirect('bookStay() direct, PostgreSQL (pool 16)', postgres(url))));
} else {
  console.log('\nPostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g. from scripts/start-test-postgres.sh');
}
console.log(`\n${concurrency} concurrent clients, ${seconds}s each; ratio = bookings/s relative to the PGlite row of the same table.`);
printTable(api, api[0]);
printTable(direct, direct[0]);
console.log('\n409 = sold out, a correct answer. Stays are random over 300 days and every plan.');
