import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';

const url = process.env.TEST_DATABASE_URL;
const openSockets = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;

if (url) {
  describe('openDatabase on PostgreSQL', () => {
    it('close() resolves only once every pooled connection has closed', async () => {
      const before = openSockets();
      const database = openDatabase({ kind: 'postgres', url, poolSize: 4, statementTimeoutMs: 5000, applicationName: 'hatago-close-test' });
      // four at once, so the pool opens four connections
      await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`.execute(database.db)));
      assert.equal(openSockets() - before, 4);
      await database.close();
      // a database dropped or a server stopped right now must not find any of them still open
      assert.equal(openSockets() - before, 0);
    });

    it('reports the pool in use and waiting, and times statements by operation', async () => {
      const database = openDatabase({ kind: 'postgres', url, poolSize: 2, statementTimeoutMs: 5000, applicationName: 'hatago-metrics-test' });
      try {
        const value = async (name: string, labels: Record<string, string> = {}) =>
          (await database.metrics.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value;
        // three statements on two connections: while they run, two are in use and one caller waits
        const running = Promise.all(Array.from({ length: 3 }, () => sql`select pg_sleep(0.3)`.execute(database.db)));
        await new Promise((resolve) => setImmediate(resolve));
        let seen: [number | undefined, number | undefined] = [undefined, undefined];
        for (const deadline = Date.now() + 5000; Date.now() < deadline; ) {
          seen = [await value('db_pool_connections', { state: 'in_use' }), await value('db_pool_waiting_clients')];
          if (seen[0] === 2 && seen[1] === 1) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        assert.deepEqual(seen, [2, 1]);
        await running;
        await assert.rejects(sql`select * from no_such_table`.execute(database.db));
        const text = await database.metrics.metrics();
        assert.match(text, /^db_query_duration_seconds_count\{operation="select"\} 4$/m);
        assert.match(text, /^db_query_errors_total\{operation="select"\} 1$/m);
        assert.equal(await value('db_pool_waiting_clients'), 0);
      } finally {
        await database.close();
      }
    });
  });
}
