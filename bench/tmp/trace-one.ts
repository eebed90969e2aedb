import { sql } from 'kysely';
import { bookStay } from '@hatago/booking';
import { MemoryCache } from '@hatago/cache';
import { CatalogChanges } from '@hatago/catalog';
import { openDatabase } from '@hatago/db';
import { seedDemoData } from '@hatago/demo-data';
import { migrateHatago } from '@hatago/schema';
import { withScratchDatabase } from '../lib/scratch-database.ts';
import { randomBooking } from '../lib/cluster-booking-load.ts';

await withScratchDatabase(process.env.TEST_DATABASE_URL!, async (url) => {
  const database = openDatabase({ kind: 'postgres', url, poolSize: 4, statementTimeoutMs: 10000, applicationName: 'trace' });
  await migrateHatago(database.db);
  await seedDemoData(database.db);
  const { rows } = await sql<{ id: number }>`select id from rate_plans where not guarantee_required`.execute(database.db);
  const plans = rows.map((r) => r.id);
  const log: string[] = [];
  const origQuery = (await import('pg')).default.Client.prototype.query;
  (await import('pg')).default.Client.prototype.query = function (this: any, ...args: any[]) {
    const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
    const t = performance.now();
    const r: any = origQuery.apply(this, args as any);
    const entry = String(text).replace(/\s+/g, ' ').slice(0, 90);
    if (r && typeof r.then === 'function') r.then(() => log.push(`${(performance.now() - t).toFixed(2)} ms ${entry}`), () => {});
    else log.push(`? ${entry}`);
    return r;
  } as any;
  const cache = new MemoryCache();
  for (let i = 0; i < 30; i++) {
    log.length = 0;
    const t0 = performance.now();
    await bookStay({ db: database.db, changes: new CatalogChanges(cache) }, randomBooking(plans, 0), { idempotencyKey: `trace-${Date.now()}-${i}` });
    console.log(`booking ${i}: ${(performance.now() - t0).toFixed(1)} ms, ${log.length} statements`);
  }
  log.forEach((l, i) => console.log(i, l));
  await database.close();
});
