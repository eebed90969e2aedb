/**
 * Mail delivery throughput and what the outbox costs a booking, PGlite and PostgreSQL side
 * by side in one run:
 *  1. messages per second from queue to dev sink with 1 and 4 workers (each its own
 *     worker id, claiming with `for update skip locked`, as separate mailer processes would);
 *  2. p50/p99 of a booking-sized transaction (the reservation insert) with and without the
 *     confirmation mail written to the outbox in the same transaction.
 * Usage:
 *   npm run bench:mail                          # PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL
 *   BENCH_MAIL_MESSAGES=10000 BENCH_SECONDS=10 npm run bench:mail
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type DatabaseConfig, type Executor, openDatabase } from '@hatago/db';
import { seedDemoData } from '@hatago/demo-data';
import { reservationConfirmation } from '@hatago/booking';
import { sampleReservation } from '@hatago/booking/testing';
import { enqueueMail, SinkProvider, startMailWorkers } from '@hatago/mail';
import { platformTemplates } from '@hatago/runtime';
import { createLogger } from '@hatago/platform/logging';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { migrateHatago } from '@hatago/schema';
import { withScratchDatabase } from './lib/scratch-database.ts';
import { type LoadResult, printTable, runLoad } from './lib/load.ts';

const messages = Number(process.env.BENCH_MAIL_MESSAGES ?? 3000);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const logger = createLogger('bench', 'warn');

interface Throughput {
  label: string;
  workers: number;
  messages: number;
  seconds: number;
  perSecond: number;
}

const countSent = async (db: Executor) => Number((await sql<{ n: number }>`select count(*)::int as n from mail_messages where status = 'sent'`.execute(db)).rows[0]!.n);

async function drainQueue(label: string, db: Executor, workers: number): Promise<Throughput> {
  await sql`truncate mail_messages cascade`.execute(db);
  await sql`
    insert into mail_messages (template, recipient, locale, params, category, idempotency_key)
    select 'reservation-confirmation', 'guest' || n || '@example.com', case when n % 2 = 0 then 'ja' else 'en' end,
           ${JSON.stringify({ reservation: sampleReservation })}::jsonb, 'reservation', 'bench-' || n
    from generate_series(1, ${messages}) as n`.execute(db);
  console.log(`${label}: ${messages} messages queued, draining…`);
  const sink = new SinkProvider(db, 'no-reply@hatago.example');
  const started = performance.now();
  const startedAt = Date.now();
  const running = Array.from({ length: workers }, (_, i) =>
    startMailWorkers({ db, providers: [sink], templates: platformTemplates, logger, workerId: `bench-${i}`, concurrency: 1, batchSize: 50, pollIntervalMs: 20 }),
  );
  let sent = 0;
  let last = 0;
  while (sent < messages) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    sent = await countSent(db);
    console.log(`  ${label}: ${Math.round((performance.now() - started) / 1000)}s ${sent}/${messages} sent, ${sent - last}/s now`);
    last = sent;
  }
  // the last poll can land up to a second late; the sink's own clock says when the last one arrived
  const { rows } = await sql<{ ms: number }>`select extract(epoch from max(received_at)) * 1000 as ms from mail_sink_messages`.execute(db);
  await Promise.all(running.map((w) => w.stop()));
  const elapsed = Math.max(Number(rows[0]!.ms) - startedAt, 1) / 1000;
  return { label, workers, messages, seconds: elapsed, perSecond: messages / elapsed };
}

/** The reservation insert of a booking, alone or with its confirmation mail in the outbox. */
async function enqueueCost(label: string, db: Executor, withMail: boolean): Promise<LoadResult> {
  const { rows } = await sql<{ hotel_id: number; room_type_id: number; plan_id: number }>`
    select rt.hotel_id, rp.room_type_id, rp.id as plan_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id limit 1`.execute(db);
  const plan = rows[0]!;
  const run = randomBytes(3).toString('hex');
  return runLoad({
    label,
    concurrency,
    durationMs: seconds * 1000,
    request: async (worker, n) => {
      const code = `B${run}${worker}x${n}`.toUpperCase();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('reservations')
          .values({
            code, status: 'confirmed', hotel_id: plan.hotel_id, room_type_id: plan.room_type_id, plan_id: plan.plan_id,
            checkin: addDays(tokyoToday(), 30), nights: 2, guests: 2, rooms: 1, guest_name: 'ベンチ 太郎', guest_name_latin: 'BENCH TARO',
            email: `bench${worker}@example.com`, phone: '090-0000-0000', locale: 'ja', total_price: 128000, hotel_name: 'h', room_type_name: 'r',
            plan_name: 'p', meals: 'none', free_cancel_days: 3, cancel_fee_percent: 50,
          })
          .execute();
        if (withMail) {
          await enqueueMail(trx, reservationConfirmation, {
            to: `bench${worker}@example.com`,
            locale: 'ja',
            category: 'reservation',
            idempotencyKey: `reservation-confirmation:${code}`,
            reference: code,
            params: { reservation: { ...sampleReservation, code } },
          });
        }
      });
      return 201;
    },
  });
}

async function benchDatabase(name: string, config: DatabaseConfig): Promise<{ throughput: Throughput[]; cost: LoadResult[] }> {
  console.log(`\n${name}: migrate + seed a small world…`);
  const database = openDatabase(config);
  try {
    await migrateHatago(database.db);
    await seedDemoData(database.db, { hotelsPerArea: 1, days: 5 });
    const throughput = [await drainQueue(`${name}, 1 worker`, database.db, 1), await drainQueue(`${name}, 4 workers`, database.db, 4)];
    await sql`truncate mail_messages cascade`.execute(database.db);
    const cost = [await enqueueCost(`${name}: reservation insert only`, database.db, false), await enqueueCost(`${name}: + enqueueMail (outbox)`, database.db, true)];
    return { throughput, cost };
  } finally {
    await database.close();
  }
}

console.log(`bench:mail on ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
const results = [await benchDatabase('PGlite', { kind: 'pglite' })];
if (adminUrl) {
  results.push(
    await withScratchDatabase(adminUrl, (url) =>
      benchDatabase('PostgreSQL (pool 16)', { kind: 'postgres', url, poolSize: 16, statementTimeoutMs: 30_000, applicationName: 'hatago-bench' }),
    ),
  );
} else {
  console.log('\nPostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g. from scripts/start-test-postgres.sh');
}

const throughput = results.flatMap((r) => r.throughput);
console.log(`\nDelivery to the dev sink, ${messages} reservation confirmations per run; ratio = messages/s relative to PGlite with 1 worker.`);
console.log('\n| run | messages | seconds | messages/s | ratio |');
console.log('|---|---:|---:|---:|---:|');
for (const t of throughput) {
  console.log(`| ${t.label} | ${t.messages} | ${t.seconds.toFixed(1)} | ${t.perSecond.toFixed(0)} | ${(t.perSecond / throughput[0]!.perSecond).toFixed(2)} |`);
}
console.log(`\nWhat the outbox costs a booking: ${concurrency} concurrent transactions for ${seconds}s each; ratio = transactions/s relative to the insert alone.`);
for (const { cost } of results) {
  printTable(cost, cost[0]);
  console.log(`  outbox adds ${(cost[1]!.p50 - cost[0]!.p50).toFixed(1)} ms at p50, ${(cost[1]!.p99 - cost[0]!.p99).toFixed(1)} ms at p99`);
}
