/**
 * Bookings per second through the edge and the JSON API, on PGlite (embedded) and on
 * PostgreSQL, side by side in one run. Usage:
 *   npm run bench:booking                       # PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL
 *   BENCH_SECONDS=20 BENCH_CONCURRENCY=32 npm run bench:booking
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { type LoadResult, printTable, runLoad } from './lib/load.ts';
import { startPlatformProcess } from './lib/platform-process.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

const getJson = async <T>(url: string) => (await (await fetch(url)).json()) as T;

async function sellablePlans(baseUrl: string): Promise<number[]> {
  const checkin = addDays(tokyoToday(), 30);
  const { items: areas } = await getJson<{ items: Array<{ id: string }> }>(`${baseUrl}/api/v1/areas`);
  const plans: number[] = [];
  for (const area of areas) {
    const { items: hotels } = await getJson<{ items: Array<{ id: number }> }>(
      `${baseUrl}/api/v1/hotels?area=${area.id}&checkin=${checkin}&guests=1`,
    );
    for (const hotel of hotels) {
      const offer = await getJson<{ roomTypes: Array<{ plans: Array<{ id: number }> }> }>(
        `${baseUrl}/api/v1/hotels/${hotel.id}?checkin=${checkin}&guests=1`,
      );
      for (const roomType of offer.roomTypes) for (const plan of roomType.plans) plans.push(plan.id);
    }
  }
  return plans;
}

async function benchOne(label: string, env: Record<string, string>): Promise<LoadResult> {
  console.log(`\n${label}: starting the platform (migrate + seed)…`);
  const platform = await startPlatformProcess(env);
  try {
    const plans = await sellablePlans(platform.url);
    console.log(`${label}: ${plans.length} plans; ${concurrency} clients for ${seconds}s`);
    const today = tokyoToday();
    const runId = randomBytes(4).toString('hex');
    return await runLoad({
      label,
      baseUrl: platform.url,
      concurrency,
      durationMs: seconds * 1000,
      rejectedStatuses: [409],
      request: async (pool, worker, n) => {
        const res = await pool.request({
          method: 'POST',
          path: '/api/v1/reservations',
          headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${runId}-${worker}-${n}` },
          body: JSON.stringify({
            planId: plans[Math.floor(Math.random() * plans.length)],
            checkin: addDays(today, 1 + Math.floor(Math.random() * 300)),
            nights: 1 + Math.floor(Math.random() * 3),
            guests: 1,
            rooms: 1,
            guest: { name: 'ベンチ 太郎', email: `bench${worker}@example.com`, phone: '090-0000-0000' },
          }),
        });
        await res.body.dump();
        return res.statusCode;
      },
    });
  } finally {
    await platform.stop();
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

console.log(`bench:booking on ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}`);
const results: LoadResult[] = [await benchOne('PGlite (embedded)', {})];
if (adminUrl) {
  results.push(await withPostgresDatabase((url) => benchOne('PostgreSQL (pool 16)', { DATABASE_URL: url, DB_POOL_SIZE: '16' })));
} else {
  console.log('\nPostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to an admin URL, e.g. from .ci/start-postgres.sh');
}
printTable(results, results[0]);
console.log('\nratio = bookings/s relative to PGlite. Bookings spread over 300 days and all plans; 409 = sold out, a correct answer.');
