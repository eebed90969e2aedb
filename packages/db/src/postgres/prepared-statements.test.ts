import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { type Database, openDatabase } from '../database.ts';
import { StatementNames } from './prepared-statements.ts';

describe('statement names', () => {
  it('names a parameterised statement once, the same text the same name', () => {
    const names = new StatementNames(10);
    const first = names.nameOf('select a from t where id = $1', 1);
    assert.match(first ?? '', /^hatago_\d+$/);
    assert.equal(names.nameOf('select a from t where id = $1', 1), first);
    assert.notEqual(names.nameOf('select b from t where id = $1', 1), first);
    // a count and a product are not columns: these keep one result type whatever a migration adds
    assert.ok(names.nameOf('select count(*) as n from t where id = $1', 1));
    assert.ok(names.nameOf('select $1::int * coalesce("p"."price", 0) as total from p', 1));
  });

  it('leaves unnamed what has no parameters, what takes its columns from a *, and what comes past the limit', () => {
    const names = new StatementNames(2);
    assert.equal(names.nameOf('begin', 0), undefined);
    for (const starred of ['select * from t where id = $1', 'SELECT DISTINCT * from t where id = $1', 'select "t".* from "t" where id = $1', 'select a, * from t where id = $1', 'insert into t (a) values ($1) returning *']) {
      assert.equal(names.nameOf(starred, 1), undefined, starred);
    }
    assert.equal(names.size, 0);
    names.nameOf('select a from t where id = $1', 1);
    names.nameOf('select b from t where id = $1', 1);
    assert.equal(names.nameOf('select c from t where id = $1', 1), undefined);
    assert.equal(names.size, 2);
  });
});

const url = process.env.TEST_DATABASE_URL;
if (url) {
  describe('prepared statements on PostgreSQL', () => {
    let database: Database;
    let db: Kysely<any>;
    const table = `prepared_test_${process.pid}`;
    const prepared = async () =>
      (await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'hatago_%'`.execute(db)).rows.map((r) => r.statement);

    before(async () => {
      // one connection, so what one statement prepared is what the next sees
      database = openDatabase({ kind: 'postgres', url, poolSize: 1, statementTimeoutMs: 5000, applicationName: 'hatago-prepared-test', preparedStatements: 8 });
      db = database.db;
      await sql`create table ${sql.table(table)} (id int primary key, name text not null)`.execute(db);
    });
    after(async () => {
      await sql`drop table if exists ${sql.table(table)}`.execute(db);
      await database.close();
    });

    it('prepares a parameterised statement once per connection and answers from it every time', async () => {
      await db.insertInto(table).values({ id: 1, name: 'Aoi' }).execute();
      for (let i = 0; i < 3; i++) {
        const row = await db.selectFrom(table).select(['id', 'name']).where('id', '=', 1).executeTakeFirst();
        assert.deepEqual(row, { id: 1, name: 'Aoi' });
      }
      const statements = await prepared();
      assert.equal(statements.filter((s) => s.startsWith('select "id", "name"')).length, 1);
      assert.ok(statements.some((s) => s.startsWith('insert into')));
    });

    it('keeps answering after a migration adds a column to the table it reads, and never prepares a * statement', async () => {
      const read = () => db.selectFrom(table).select(['name']).where('id', '=', 1).executeTakeFirst();
      assert.deepEqual(await read(), { name: 'Aoi' });
      const all = () => db.selectFrom(table).selectAll().where('id', '=', 1).executeTakeFirst();
      assert.deepEqual(await all(), { id: 1, name: 'Aoi' });
      await sql`alter table ${sql.table(table)} add column stars int not null default 5`.execute(db);
      assert.deepEqual(await read(), { name: 'Aoi' });
      // prepared before the column existed, this one would now fail: "cached plan must not change result type"
      assert.deepEqual(await all(), { id: 1, name: 'Aoi', stars: 5 });
      assert.ok((await prepared()).every((s) => !s.includes('*')));
    });

    it('a failed statement inside a transaction rolls it back as before, and the connection keeps its statements', async () => {
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await trx.insertInto(table).values({ id: 2, name: 'Ren' }).execute();
          await trx.insertInto(table).values({ id: 2, name: 'Ren again' }).execute();
        }),
        /duplicate key/,
      );
      assert.equal(await db.selectFrom(table).select('id').where('id', '=', 2).executeTakeFirst(), undefined);
      await db.insertInto(table).values({ id: 2, name: 'Ren' }).execute();
      assert.deepEqual(await db.selectFrom(table).select(['name']).where('id', '=', 2).executeTakeFirst(), { name: 'Ren' });
    });
  });
}
