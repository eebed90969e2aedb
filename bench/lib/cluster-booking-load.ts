import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import type { BookingRequest } from '@hatago/booking';
import { startCluster } from '@hatago/cluster';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { type LoadResult, runLoad } from './load.ts';
import { findBookableTables, randomTableBooking } from './table-bookings.ts';

export interface ClusterBookingOptions {
  label: string;
  databaseUrl: string;
  redisUrl: string;
  concurrency: number;
  seconds: number;
  /** The rules without per-client limits: bench/edge-rules-unlimited.ts, or its build for a built edge. */
  edgeRules: string;
  /** Another supervisor to run (a build's dist/cluster/main.js); default the sources'. */
  command?: string[];
  /** Also restaurant bookings, after the stays, on the same cluster. */
  tables?: boolean;
}

const runId = randomBytes(4).toString('hex');
const today = tokyoToday();

/** A random stay over the seeded year and every plan, so bookings rarely collide. */
export function randomBooking(plans: number[], worker: number): BookingRequest {
  return {
    planId: plans[Math.floor(Math.random() * plans.length)]!,
    checkin: addDays(today, 1 + Math.floor(Math.random() * 300)),
    nights: 1 + Math.floor(Math.random() * 3),
    guests: 1,
    rooms: 1,
    acceptTerms: true,
    guest: { name: 'ベンチ 太郎', email: `bench${worker}@example.com`, phone: '090-0000-0000' },
  };
}

const getJson = async <T>(url: string) => (await (await fetch(url)).json()) as T;

/**
 * Bookings through the edge and the JSON API of the distributed mode: the cluster (apps/
 * cluster) with two guest instances on PostgreSQL and Redis, the edge running the
 * production rules minus the per-client rate limits, and the apps' per-address booking
 * limit lifted: every bench client shares one address. 409 (sold out, seating full) is a
 * correct refusal. Stays first, then tables when asked: one result each.
 */
export async function benchClusterBookings(options: ClusterBookingOptions): Promise<LoadResult[]> {
  const { label, concurrency } = options;
  console.log(`\n${label}: starting the cluster (migrate + seed)…`);
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'hatago-bench-cluster-'));
  const cluster = await startCluster(
    ['--instances', '1', '--scale', 'guest=2', '--base-port', '0', '--port', '0', '--state-dir', stateDir, '--seed'],
    {
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      EDGE_RULES: options.edgeRules,
      // the guest app's own per-address booking limit, lifted for the same reason
      BOOKING_ATTEMPTS_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: '16',
    },
    ...(options.command ? [options.command] : []),
  );
  const pool = new Pool(cluster.edgeUrl, { connections: concurrency });
  try {
    // the plans a guest can find, discovered through the API itself
    const { items: hotels } = await getJson<{ items: Array<{ id: number }> }>(
      `${cluster.edgeUrl}/api/v1/hotels?checkin=${addDays(today, 30)}&guests=1&pageSize=100`,
    );
    const plans: number[] = [];
    for (const hotel of hotels) {
      const offer = await getJson<{ roomTypes: Array<{ plans: Array<{ id: number; guaranteeRequired: boolean }> }> }>(
        `${cluster.edgeUrl}/api/v1/hotels/${hotel.id}?checkin=${addDays(today, 30)}&guests=1`,
      );
      // the load brings no card: plans paid at the hotel only
      offer.roomTypes.forEach((rt) => rt.plans.forEach((p) => !p.guaranteeRequired && plans.push(p.id)));
    }
    console.log(`${label}: ${plans.length} plans; ${concurrency} clients for ${options.seconds}s`);
    const load = (what: string, request: (worker: number, n: number) => Promise<number>) =>
      runLoad({ label: options.tables ? `${label}: ${what}` : label, concurrency, durationMs: options.seconds * 1000, rejectedStatuses: [409], request });
    const post = async (path: string, body: unknown, key: string) => {
      const res = await pool.request({ method: 'POST', path, headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
      await res.body.dump();
      return res.statusCode;
    };
    const results = [await load('stays', (worker, n) => post('/api/v1/reservations', randomBooking(plans, worker), `bench-${runId}-${worker}-${n}`))];
    if (options.tables) {
      // the tables a guest can find, discovered through the API too
      const { items: restaurants } = await getJson<{ items: Array<{ id: number }> }>(`${cluster.edgeUrl}/api/v1/restaurants?date=${addDays(today, 7)}&party=2`);
      const tables = await findBookableTables(
        restaurants.map((r) => r.id),
        (id, date) => getJson(`${cluster.edgeUrl}/api/v1/restaurants/${id}?date=${date}&party=2`),
      );
      console.log(`${label}: ${tables.length} bookable seatings and courses`);
      results.push(await load('tables', (worker, n) => post('/api/v1/restaurant-reservations', randomTableBooking(tables, worker), `bench-table-${runId}-${worker}-${n}`)));
    }
    return results;
  } finally {
    await pool.close();
    await cluster.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}
