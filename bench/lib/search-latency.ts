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
 * database flushed, and every request a search not asked before), then warm (the same
 * searches again, all cached).
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
    let next = 0;
    const search = async () => {
      const res = await pool.request({ method: 'GET', path: searchPath(next++ % distinct, areas, today) });
      await res.body.dump();
      return res.statusCode;
    };
    const load = (label: string) => runLoad({ label, concurrency: options.concurrency, durationMs: options.seconds * 1000, request: search });
    const cold = await load(`search, cache cold (${options.concurrency} clients)`);
    if (next > distinct) console.log(`  (the cold run asked ${next} searches but only ${distinct} are distinct: some were warm)`);
    const asked = Math.min(next, distinct);
    next = 0;
    const warm = await runLoad({
      label: `search, cache warm (${options.concurrency} clients)`,
      concurrency: options.concurrency,
      durationMs: options.seconds * 1000,
      // only the searches the cold run asked, so every one is in the cache
      request: async () => {
        const res = await pool.request({ method: 'GET', path: searchPath(next++ % asked, areas, today) });
        await res.body.dump();
        return res.statusCode;
      },
    });
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
