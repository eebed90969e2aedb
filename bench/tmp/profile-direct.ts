import { sql } from 'kysely';
import { bookStay } from '@hatago/booking';
import { MemoryCache } from '@hatago/cache';
import { CatalogChanges } from '@hatago/catalog';
import { openDatabase } from '@hatago/db';
import { seedDemoData } from '@hatago/demo-data';
import { DomainError } from '@hatago/platform/errors';
import { migrateHatago } from '@hatago/schema';
import { withScratchDatabase } from '../lib/scratch-database.ts';
import { randomBooking } from '../lib/cluster-booking-load.ts';
import { runLoad } from '../lib/load.ts';

await withScratchDatabase(process.env.TEST_DATABASE_URL!, async (url) => {
  const database = openDatabase({ kind: 'postgres', url, poolSize: 16, statementTimeoutMs: 10000, applicationName: 'prof' });
  await migrateHatago(database.db);
  await seedDemoData(database.db);
  const { rows } = await sql<{ id: number }>`select id from rate_plans where not guarantee_required`.execute(database.db);
  const plans = rows.map((r) => r.id);
  const cache = new MemoryCache();
  const ctx = { db: database.db, changes: new CatalogChanges(cache) };
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const cpu0 = process.cpuUsage();
  const result = await runLoad({ label: 'direct', concurrency: 16, durationMs: Number(process.env.SECS ?? 10) * 1000, rejectedStatuses: [409], request: async (w, n) => {
    try { await bookStay(ctx, randomBooking(plans, w), { idempotencyKey: `p-${Date.now()}-${w}-${n}` }); return 201; }
    catch (e) { if (e instanceof DomainError && e.code === 'SOLD_OUT') return 409; throw e; }
  } });
  const cpu = process.cpuUsage(cpu0);
  const { profile } = await session.post('Profiler.stop');
  (await import('node:fs')).writeFileSync('/tmp/prof/load.cpuprofile', JSON.stringify(profile));
  const n = result.ok + result.rejected;
  console.log(`${result.perSecond.toFixed(0)}/s, p50 ${result.p50.toFixed(1)} p99 ${result.p99.toFixed(1)}; Node CPU per booking ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms (user ${(cpu.user / 1000 / n).toFixed(2)}, sys ${(cpu.system / 1000 / n).toFixed(2)})`);
  await database.close();
});
