import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { testDatabaseTargets } from './testing/test-databases.ts';
import { normaliseStatement, statementSummary } from './sql-spans.ts';

const exporter = new InMemorySpanExporter();

before(() => new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register());
after(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

/** Runs `work` inside a request-like parent span and returns the statement spans it made. */
async function statementsOf(work: () => Promise<unknown>) {
  exporter.reset();
  await trace.getTracer('test').startActiveSpan('request', async (span) => {
    await work().catch(() => undefined);
    span.end();
  });
  return exporter
    .getFinishedSpans()
    .filter((s) => s.name !== 'request')
    .map((s) => ({ name: s.name, status: s.status.code, attributes: { ...s.attributes, 'hatago.db.driver': undefined } as Record<string, unknown> }));
}

describe('statement text in traces', () => {
  test('is one line without literal values', () => {
    assert.equal(
      normaliseStatement(`select *\n  from "hotels"\n  where name = 'O''Hara' and id = $1 and stars > 4 limit 10`),
      'select * from "hotels" where name = ? and id = $1 and stars > ? limit ?',
    );
    assert.deepEqual(statementSummary('update "mail_messages" set status = $1'), { operation: 'UPDATE', table: 'mail_messages' });
    assert.deepEqual(statementSummary('with due as (select id from mail_messages for update skip locked) update "mail_messages" set status = $1'), { operation: 'UPDATE', table: 'mail_messages' });
    assert.deepEqual(
      statementSummary('with r as (insert into "reservations" (code) values ($1) on conflict do update set code = $2 returning *) select * from r'),
      { operation: 'INSERT', table: 'reservations' },
    );
    assert.deepEqual(statementSummary('with n as (select * from room_inventory for update) select count(*) from n'), { operation: 'WITH', table: 'room_inventory' });
  });
});

describe('SQL spans have one shape on PGlite and PostgreSQL', () => {
  const shapes = new Map<string, unknown>();
  for (const target of testDatabaseTargets()) {
    test(`${target.name}: a span per statement inside a trace, none outside`, async () => {
      const { database, dispose } = await target.create();
      try {
        await sql`create table guests (id serial primary key, email text unique)`.execute(database.db);
        const spans = await statementsOf(() =>
          database.db.transaction().execute(async (trx) => {
            await trx.insertInto('guests').values({ email: 'taro@example.com' }).execute();
            await trx.selectFrom('guests').selectAll().where('id', '>', 0).execute();
            await trx.insertInto('guests').values({ email: 'taro@example.com' }).execute();
          }),
        );
        shapes.set(target.name, spans);
        assert.deepEqual(
          spans.map((s) => s.name),
          ['BEGIN', 'INSERT guests', 'SELECT guests', 'INSERT guests', 'ROLLBACK'],
        );
        assert.equal(spans[2]!.attributes['db.response.returned_rows'], 1);
        assert.equal(spans[3]!.attributes['db.response.status_code'], '23505', 'the unique violation is on the span');
        assert.equal(spans[3]!.status, 2);
        assert.ok(!JSON.stringify(spans).includes('taro@example.com'), 'parameters never reach a span');
        exporter.reset();
        await database.db.selectFrom('guests').selectAll().execute();
        assert.equal(exporter.getFinishedSpans().length, 0, 'background statements start no trace');
      } finally {
        await dispose();
      }
    });
  }
  test('both targets gave the same spans', (t) => {
    if (shapes.size < 2) return t.diagnostic('only one target configured');
    assert.deepEqual(shapes.get('pglite'), shapes.get('postgres'));
  });
});
