/**
 * The support staff's mail history on 1,000,000 messages (and 2,000,000 timeline events)
 * on PostgreSQL: fills a database of its own with generate_series, then prints
 * EXPLAIN (ANALYZE, BUFFERS) of every search shape the console issues and how long each
 * takes, beside what the keyset replaces (OFFSET paging, total counts). Usage:
 *   npm run bench:mail-history                  # PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL
 *   BENCH_MESSAGES=200000 BENCH_REPEAT=10 npm run bench:mail-history
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '@hatago/db';
import { getMailMessage, mailHistoryQuery, type MailHistoryFilter } from '@hatago/mail';
import { platformTemplates } from '@hatago/runtime';
import { migrateHatago } from '@hatago/schema';

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const total = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const repeat = Number(process.env.BENCH_REPEAT ?? 20);
const CHUNK = 100_000;
const PAGE = 50;

if (!adminUrl) {
  console.error('bench:mail-history: set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server that lets us create a database');
  process.exit(78);
}

const name = `hatago_mail_history_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2, statementTimeoutMs: 600_000, applicationName: 'hatago-bench' });
const client = new pg.Client({ connectionString: url.toString() });

const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

try {
  await migrateHatago(database.db);
  await client.connect();
  console.log(`database ${name}: filling ${total.toLocaleString('en-US')} messages in chunks of ${CHUNK.toLocaleString('en-US')}…`);
  const fillStart = process.hrtime.bigint();
  for (let from = 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    // a year of mail, oldest first: 200k guests with ~5 mails each, 3 mails per reservation,
    // statuses and categories in rough production proportions, bodies only for the last 90
    // days (the retention purge empties older ones)
    await client.query(
      `insert into mail_messages (template, recipient, locale, params, category, idempotency_key, reference, status, attempts,
                                  created_at, updated_at, next_attempt_at, sent_at, subject, body_html, body_text, body_purged_at, provider, provider_message_id)
       select case when n % 20 < 14 then 'reservation-confirmation' when n % 20 < 17 then 'member-welcome' else 'facility-new-reservation' end,
              'guest' || (n % 200000) || '@example.com',
              case when n % 3 = 0 then 'en' else 'ja' end, '{}',
              case when n % 20 < 14 then 'reservation' when n % 20 < 17 then 'member' when n % 20 < 19 then 'facility' else 'ops' end,
              'bench-' || n,
              case when n % 20 < 14 then 'HT' || lpad((n / 3)::text, 8, '0') end,
              case when n % 1000 < 900 then 'delivered' when n % 1000 < 940 then 'sent' when n % 1000 < 960 then 'bounced'
                   when n % 1000 < 970 then 'deferred' when n % 1000 < 980 then 'dropped' when n % 1000 < 985 then 'failed'
                   when n % 1000 < 990 then 'dead' else 'suppressed' end,
              1 + (n % 1000 between 980 and 989)::int * 4,
              t, t, t, t + interval '2 seconds', 'Your stay #' || n,
              case when t > now() - interval '90 days' then '<html><body><p>Dear guest ' || n || '</p></body></html>' end,
              case when t > now() - interval '90 days' then 'Dear guest ' || n end,
              case when t <= now() - interval '90 days' then t + interval '90 days' end,
              'sendgrid', 'sg' || n
       from (select n, now() - (($2::int - n) * interval '31.536 seconds') * (1000000.0 / $2::int) as t
             from generate_series($1::int, $3::int) n) s`,
      [from, total, to],
    );
    await client.query(
      `insert into mail_events (message_id, type, source, occurred_at, detail)
       select id, 'sent', 'worker', created_at + interval '2 seconds', 'sendgrid 202' from mail_messages where id between $1 and $2
       union all
       select id, 'delivered', 'provider', created_at + interval '9 seconds', '250 OK' from mail_messages where id between $1 and $2`,
      [from, to],
    );
    console.log(`  ${to.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${(elapsed(fillStart) / 1000).toFixed(1)} s)`);
  }
  console.log('analyze…');
  await client.query('vacuum analyze mail_messages');
  await client.query('vacuum analyze mail_events');
  const size = await client.query(`select pg_size_pretty(pg_total_relation_size('mail_messages')) as s`);
  console.log(`filled in ${(elapsed(fillStart) / 1000).toFixed(1)} s; mail_messages with indexes: ${size.rows[0].s}`);

  // shapes taken from the data: a guest with mail, a reservation, a deep cursor
  const sample = (await client.query(`select recipient, reference, created_at from mail_messages where id = $1`, [Math.floor(total * 0.6)])).rows[0];
  const deepCursor = Math.floor(total / 2);
  const tokyoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000 - ((Date.now() + 9 * 3_600_000) % 86_400_000));
  const base = { pageSize: PAGE };
  const shapes: Array<[string, MailHistoryFilter]> = [
    ['newest page, no filter', base],
    ['recipient', { ...base, recipient: sample.recipient }],
    ['reservation code', { ...base, reference: sample.reference }],
    ['category = member', { ...base, category: 'member' }],
    ['status = dead (rare)', { ...base, status: 'dead' }],
    ['status = delivered (common)', { ...base, status: 'delivered' }],
    ['one week, 200 days ago', { ...base, createdFrom: tokyoDay(200), createdBefore: tokyoDay(193) }],
    ['recipient + status = delivered', { ...base, recipient: sample.recipient, status: 'delivered' }],
    ['category = facility + one week', { ...base, category: 'facility', createdFrom: tokyoDay(200), createdBefore: tokyoDay(193) }],
    ['status = dead + category = reservation', { ...base, status: 'dead', category: 'reservation' }],
    [`keyset page after message #${deepCursor}`, { ...base, after: deepCursor }],
    [`status = bounced, keyset after #${deepCursor}`, { ...base, status: 'bounced', after: deepCursor }],
  ];

  const timings: Array<{ shape: string; rows: number; p50: number; max: number; plan: string }> = [];
  const measure = async (shape: string, text: string, parameters: readonly unknown[]) => {
    const plan = (await client.query(`explain (analyze, buffers) ${text}`, parameters as unknown[])).rows.map((r) => r['QUERY PLAN']).join('\n');
    const runs: number[] = [];
    let rows = 0;
    for (let i = 0; i < repeat; i++) {
      const start = process.hrtime.bigint();
      rows = (await client.query(text, parameters as unknown[])).rowCount ?? 0;
      runs.push(elapsed(start));
    }
    runs.sort((a, b) => a - b);
    const result = { shape, rows, p50: runs[Math.floor(runs.length / 2)]!, max: runs.at(-1)!, plan };
    timings.push(result);
    console.log(`\n### ${shape}: ${rows} rows, p50 ${result.p50.toFixed(2)} ms, max ${result.max.toFixed(2)} ms\n${plan}`);
    return result;
  };

  for (const [shape, filter] of shapes) {
    const compiled = mailHistoryQuery(database.db, filter).compile();
    await measure(shape, compiled.sql, compiled.parameters);
  }
  // what the keyset and the missing total count avoid
  const offsetPage = 10_000;
  const offset = await measure(
    `OFFSET page ${offsetPage} (for contrast)`,
    `select id, recipient, status, created_at from mail_messages order by created_at desc, id desc limit ${PAGE} offset ${(offsetPage - 1) * PAGE}`,
    [],
  );
  const keyset = timings.find((t) => t.shape.startsWith('keyset page'))!;
  const count = await measure('count(*) of status = delivered (for contrast)', `select count(*) from mail_messages where status = 'delivered'`, []);
  // the message page: one row and its timeline
  const detailRuns: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    await getMailMessage(database.db, 1 + Math.floor(Math.random() * total), platformTemplates);
    detailRuns.push(elapsed(start));
  }
  detailRuns.sort((a, b) => a - b);
  await measure(
    'message timeline',
    `select type, source, detail, occurred_at from mail_events where message_id = $1 order by occurred_at, id`,
    [Math.floor(total * 0.7)],
  );

  console.log(`\n## ${total.toLocaleString('en-US')} messages, ${repeat} runs per shape, pages of ${PAGE}\n`);
  console.log('| search | rows | p50 ms | max ms |');
  console.log('|---|---:|---:|---:|');
  for (const t of timings) console.log(`| ${t.shape} | ${t.rows} | ${t.p50.toFixed(2)} | ${t.max.toFixed(2)} |`);
  console.log(`| message page (getMailMessage, random id) | 1 | ${detailRuns[Math.floor(repeat / 2)]!.toFixed(2)} | ${detailRuns.at(-1)!.toFixed(2)} |`);
  console.log(`\nkeyset deep page vs OFFSET page ${offsetPage}: ${(offset.p50 / keyset.p50).toFixed(0)}x faster`);
  console.log(`a total count of one broad status costs ${count.p50.toFixed(0)} ms, ${(count.p50 / timings[5]!.p50).toFixed(0)}x the page it would label`);
} finally {
  await client.end().catch(() => {});
  await database.close();
  if (process.env.BENCH_KEEP !== '1') await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
