/**
 * One round of bookStay() load, direct (no HTTP), in the checkout named by BENCH_CHECKOUT
 * (default this one): its booking, catalogue and schema modules are imported from that tree,
 * so two checkouts can be measured in the same run. Prints one JSON line: bookings/s, p99,
 * this process's CPU per booking and PostgreSQL's. Run by bench/booking-ab-bench.ts.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { cpuSnapshot, cpuSpentByRole } from './cpu-by-process.ts';
import { randomBooking } from './cluster-booking-load.ts';
import { runLoad } from './load.ts';
import { withScratchDatabase } from './scratch-database.ts';

const checkout = process.env.BENCH_CHECKOUT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// resolved from that checkout's own package.json, so its workspace links answer
const resolveThere = createRequire(path.join(checkout, 'package.json')).resolve;
const load = (specifier: string) => import(pathToFileURL(resolveThere(specifier)).href);
const [{ bookStay }, { MemoryCache }, { CatalogChanges }, { openDatabase }, { seedDemoData }, { DomainError }, { migrateHatago }] = await Promise.all([
  load('@hatago/booking'),
  load('@hatago/cache'),
  load('@hatago/catalog'),
  load('@hatago/db'),
  load('@hatago/demo-data'),
  load('@hatago/platform/errors'),
  load('@hatago/schema'),
]);

async function round(config: unknown): Promise<void> {
  const database = openDatabase(config);
  try {
    await migrateHatago(database.db);
    await seedDemoData(database.db);
    // plans paid at the hotel (the bench brings no card); read through to_jsonb so a checkout from before the column answers too
    const plans = (
      await sql<{ id: number }>`select id from rate_plans rp where not coalesce((to_jsonb(rp) ->> 'guarantee_required')::boolean, false)`.execute(database.db)
    ).rows.map((r) => r.id);
    const context = { db: database.db, changes: new CatalogChanges(new MemoryCache()) };
    const cpuBefore = cpuSnapshot();
    const own = process.cpuUsage();
    const result = await runLoad({
      label: path.basename(checkout),
      concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
      durationMs: Number(process.env.BENCH_SECONDS ?? 10) * 1000,
      rejectedStatuses: [409],
      request: async (worker, n) => {
        try {
          await bookStay(context, randomBooking(plans, worker), { idempotencyKey: `ab-${process.pid}-${worker}-${n}` });
          return 201;
        } catch (error) {
          if (error instanceof DomainError && (error as { code?: string }).code === 'SOLD_OUT') return 409;
          throw error;
        }
      },
    });
    const used = process.cpuUsage(own);
    const answered = Math.max(1, result.ok + result.rejected);
    const postgres = cpuSpentByRole(cpuBefore, cpuSnapshot()).get('postgres') ?? 0;
    console.log(JSON.stringify({ perSecond: result.perSecond, p99: result.p99, errors: result.errors, nodeCpuMs: (used.user + used.system) / 1000 / answered, postgresCpuMs: (postgres * 1000) / answered }));
  } finally {
    await database.close();
  }
}

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (process.env.BENCH_KIND === 'pglite') await round({ kind: 'pglite' });
else if (url) await withScratchDatabase(url, (scratch) => round({ kind: 'postgres', url: scratch, poolSize: 16, statementTimeoutMs: 10_000, applicationName: 'bench' }));
else throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL (scripts/start-test-postgres.sh), or BENCH_KIND=pglite');
