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
  });
}
