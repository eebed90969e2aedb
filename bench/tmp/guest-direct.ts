import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { openDatabase } from '@hatago/db';
import { seedDemoData } from '@hatago/demo-data';
import { migrateHatago } from '@hatago/schema';
import { withScratchDatabase } from '../lib/scratch-database.ts';
import { randomBooking } from '../lib/cluster-booking-load.ts';
import { runLoad, printCpuTable, printTable } from '../lib/load.ts';

await withScratchDatabase(process.env.TEST_DATABASE_URL!, async (url) => {
  const database = openDatabase({ kind: 'postgres', url, poolSize: 2, statementTimeoutMs: 60000, applicationName: 'seed' });
  await migrateHatago(database.db);
  await seedDemoData(database.db);
  const plans = (await sql<{ id: number }>`select id from rate_plans`.execute(database.db)).rows.map((r) => r.id);
  await database.close();
  const port = 3191;
  const child = spawn(process.execPath, [...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', ...(process.env.REGISTER ? ['--import', '@hatago/telemetry/register'] : []), 'apps/guest/src/main.ts'], {
    env: { ...process.env, DATABASE_URL: url, REDIS_URL: 'redis://127.0.0.1:6380/8', PORT: String(port), SIGNING_SECRET: 'x'.repeat(40), LOG_LEVEL: 'warn', BOOKING_ATTEMPTS_PER_MINUTE: '1000000', DB_POOL_SIZE: '16' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 16 });
  const result = await runLoad({ label: 'guest API direct', concurrency: 16, durationMs: Number(process.env.SECS ?? 10) * 1000, rejectedStatuses: [409], request: async (w, n) => {
    const res = await pool.request({ method: 'POST', path: '/api/v1/reservations', headers: { 'content-type': 'application/json', 'idempotency-key': `g-${Date.now()}-${w}-${n}` }, body: JSON.stringify(randomBooking(plans, w)) });
    await res.body.dump();
    return res.statusCode;
  } });
  await pool.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  printTable([result]);
  printCpuTable([result]);
});
