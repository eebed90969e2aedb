/**
 * Resized images per second through the edge, side by side in one run:
 *  1. cold: every rendition asked once, so each is a cache miss the guest app renders with
 *     sharp (per format class: AVIF, WebP, JPEG), then stored by the edge;
 *  2. warm: the same renditions asked again and again, so each is an edge cache hit;
 * and the ratio of warm to cold. The platform is the embedded one (`npm start`) on an
 * in-memory database seeded with a small demo world, whose hotels' photos (960 × 640 JPEG,
 * generated at seed time) are the source images.
 * Usage:
 *   npm run bench:images
 *   BENCH_HOTELS_PER_AREA=2 BENCH_WIDTHS=320,640,960 BENCH_COLD_CONCURRENCY=2 BENCH_WARM_CONCURRENCY=32 BENCH_SECONDS=8 npm run bench:images
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { startEmbeddedPlatform } from '@hatago/embedded';
import { imageUrl } from '@hatago/images';
import { IMAGE_FORMAT_ACCEPT, type ImageFormatClass } from '@hatago/platform/http';
import { Agent, request } from 'undici';
import { type LoadResult, percentile, printTable, runLoad } from './lib/load.ts';

const hotelsPerArea = Number(process.env.BENCH_HOTELS_PER_AREA ?? 1);
const widths = (process.env.BENCH_WIDTHS ?? '320,640,960').split(',').map(Number);
const coldConcurrency = Number(process.env.BENCH_COLD_CONCURRENCY ?? os.availableParallelism());
const warmConcurrency = Number(process.env.BENCH_WARM_CONCURRENCY ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const FORMATS: ImageFormatClass[] = ['avif', 'webp', 'other'];
const FORMAT_NAME: Record<ImageFormatClass, string> = { avif: 'AVIF', webp: 'WebP', other: 'JPEG' };

interface Rendition {
  url: string;
  format: ImageFormatClass;
}

const summary = (label: string, ok: number, errors: number, elapsed: number, latencies: number[]): LoadResult => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { label, seconds: elapsed, ok, rejected: 0, errors, perSecond: ok / elapsed, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};

/** Asks for every rendition once, `concurrency` at a time; each must be an edge miss. */
async function coldRun(label: string, agent: Agent, base: string, renditions: Rendition[], concurrency: number): Promise<LoadResult & { latencies: number[] }> {
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let at = next++; at < renditions.length; at = next++) {
        const { url, format } = renditions[at]!;
        const t0 = performance.now();
        const res = await request(`${base}${url}`, { dispatcher: agent, headers: { accept: IMAGE_FORMAT_ACCEPT[format] } });
        await res.body.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.statusCode === 200 && res.headers['x-cache'] === 'MISS') ok++;
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  console.log(`  ${label}: ${ok} renditions in ${elapsed.toFixed(1)} s`);
  return { ...summary(label, ok, errors, elapsed, latencies), latencies };
}

const platform = await startEmbeddedPlatform({
  port: 0,
  host: '127.0.0.1',
  seed: { hotelsPerArea, restaurantsPerArea: 0, days: 1 },
  logLevel: 'silent',
  onPhotoSeedProgress: (done, total) => done === total && console.log(`demo photos made for ${total} hotels`),
});
try {
  const { rows } = await sql<{ image_key: string }>`select image_key from hotel_photos order by hotel_id, position`.execute(platform.database.db);
  const keys = rows.map((row) => row.image_key);
  const renditionsOf = (format: ImageFormatClass) => keys.flatMap((key) => widths.map((width) => ({ url: imageUrl(key, width), format })));
  const agent = new Agent({ connections: Math.max(coldConcurrency, warmConcurrency), pipelining: 1 });
  console.log(
    `${keys.length} source photos × widths ${widths.join(', ')} × ${FORMATS.length} formats = ${keys.length * widths.length * FORMATS.length} renditions; ` +
      `cold ${coldConcurrency} clients, warm ${warmConcurrency} clients for ${seconds} s; ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
  );

  const cold: Array<LoadResult & { latencies: number[] }> = [];
  for (const format of FORMATS) cold.push(await coldRun(`cold ${FORMAT_NAME[format]} (origin renders)`, agent, platform.url, renditionsOf(format), coldConcurrency));
  const total = (pick: (r: LoadResult) => number) => cold.reduce((sum, r) => sum + pick(r), 0);
  const coldAll = summary('cold, all formats', total((r) => r.ok), total((r) => r.errors), total((r) => r.seconds), cold.flatMap((r) => r.latencies));

  const everything = FORMATS.flatMap(renditionsOf);
  const warm = await runLoad({
    label: 'warm, all formats (edge hits)',
    concurrency: warmConcurrency,
    durationMs: seconds * 1000,
    request: async (worker, n) => {
      const { url, format } = everything[(worker * 7919 + n) % everything.length]!;
      const res = await request(`${platform.url}${url}`, { dispatcher: agent, headers: { accept: IMAGE_FORMAT_ACCEPT[format] } });
      await res.body.arrayBuffer();
      return res.statusCode === 200 && res.headers['x-cache'] === 'HIT' ? 200 : 599;
    },
  });
  printTable([...cold, coldAll, warm], coldAll);
  // printTable's "refused" column stays 0 here: a wrong status or a hit where a miss was due counts as an error
  console.log(`\nwarm ÷ cold: ${(warm.perSecond / coldAll.perSecond).toFixed(0)}× (ratios above: each run ÷ cold, all formats)`);
  await agent.close();
} finally {
  await platform.close();
}
