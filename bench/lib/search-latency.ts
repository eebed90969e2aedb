import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Pool } from 'undici';
import { startAppProcess } from '@hatago/cluster';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { type LoadResult, runLoad } from './load.ts';

const NIGHTS = 3;
const DAYS = 300;
const HOT_SEARCHES = 50;

/** The i-th distinct search: every area, then every check-in day, then every length of stay. */
function searchPath(i: number, areas: string[], today: string): string {
  const area = areas[i % areas.length]!;
  const day = 1 + (Math.floor(i / areas.length) % DAYS);
  const nights = 1 + (Math.floor(i / (areas.length * DAYS)) % NIGHTS);
  return `/api/v1/hotels?area=${area}&checkin=${addDays(today, day)}&nights=${nights}&guests=2`;
}

/**
 * Hotel search latency at `concurrency` clients against one guest instance (not through the
 * edge, whose own cache would answer) with its Redis cache: first cold (the cache's Redis
 * database flushed, and every request a search not asked before), then warm (a set of
 * popular searches asked over and over; search results live 5 s in the cache, so each is
 * reloaded from the database about every 5 s, as in production).
 */
export async function benchSearchLatency(options: { databaseUrl: string; redisUrl: string; concurrency: number; seconds: number }): Promise<LoadResult[]> {
  const redis = new Redis(options.redisUrl);
  await redis.flushdb();
  await redis.quit();
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'hatago-bench-guest-'));
  const guest = await startAppProcess('guest', cwd, {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    SIGNING_SECRET: 'bench-'.repeat(8),
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: '16',
  });
  const pool = new Pool(guest.url, { connections: options.concurrency });
  try {
    const today = tokyoToday();
    const { items } = (await (await fetch(`${guest.url}/api/v1/areas`)).json()) as { items: Array<{ id: string }> };
    const areas = items.map((a) => a.id);
    const distinct = areas.length * DAYS * NIGHTS;
    const searches = (label: string, pathOf: (n: number) => string) => {
      let next = 0;
      return runLoad({
        label,
        concurrency: options.concurrency,
        durationMs: options.seconds * 1000,
        request: async () => {
          const res = await pool.request({ method: 'GET', path: pathOf(next++) });
          await res.body.dump();
          return res.statusCode;
        },
      });
    };
    const cold = await searches(`search, cache cold (${options.concurrency} clients)`, (n) => searchPath(n % distinct, areas, today));
    if (cold.ok + cold.errors > distinct) console.log(`  (the cold run asked more than the ${distinct} distinct searches: some were warm)`);
    const warm = await searches(`search, cache warm (${options.concurrency} clients, ${HOT_SEARCHES} popular searches)`, (n) =>
      searchPath(n % HOT_SEARCHES, areas, today),
    );
    return [cold, warm];
  } finally {
    await pool.close();
    await guest.kill('SIGTERM');
    await rm(cwd, { recursive: true, force: true });
  }
}

export function printLatencyTable(results: LoadResult[]): void {
  console.log('\n| run | requests/s | ok | errors | p50 ms | p95 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.label} | ${r.perSecond.toFixed(0)} | ${r.ok} | ${r.errors} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} |`);
  }
}
