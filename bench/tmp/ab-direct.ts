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
import { cpuSnapshot, cpuSpentByRole } from '../lib/cpu-by-process.ts';

const kind = process.env.KIND ?? 'postgres';
const run = async (config: any) => {
  const database = openDatabase(config);
  await migrateHatago(database.db);
  await seedDemoData(database.db);
  const { rows } = await sql<{ id: number }>`select id from rate_plans`.execute(database.db);
  const plans = rows.map((r) => r.id);
  const ctx = { db: database.db, changes: new CatalogChanges(new MemoryCache()) };
  const before = cpuSnapshot();
  const cpu0 = process.cpuUsage();
  const result = await runLoad({ label: 'direct', concurrency: 16, durationMs: Number(process.env.SECS ?? 10) * 1000, rejectedStatuses: [409], request: async (w, n) => {
    try { await bookStay(ctx, randomBooking(plans, w), { idempotencyKey: `p-${Date.now()}-${w}-${n}` }); return 201; }
    catch (e) { if (e instanceof DomainError && e.code === 'SOLD_OUT') return 409; throw e; }
  } });
  const cpu = process.cpuUsage(cpu0);
  const roles = cpuSpentByRole(before, cpuSnapshot());
  const n = result.ok + result.rejected;
  console.log(JSON.stringify({ tag: process.env.TAG, kind, perSecond: Math.round(result.perSecond), p99: Math.round(result.p99), nodeCpuMs: +((cpu.user + cpu.system) / 1000 / n).toFixed(3), pgCpuMs: +(((roles.get('postgres') ?? 0) * 1000) / n).toFixed(3) }));
  await database.close();
};
if (kind === 'pglite') await run({ kind: 'pglite' });
else await withScratchDatabase(process.env.TEST_DATABASE_URL!, (url) => run({ kind: 'postgres', url, poolSize: 16, statementTimeoutMs: 10000, applicationName: 'ab' }));
