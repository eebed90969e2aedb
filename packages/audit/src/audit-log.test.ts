import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { countAudit, listAudit, recordAudit } from './audit-log.ts';

const actor = { kind: 'operator' as const, id: 1, name: 'Admin' };

for (const target of testDatabaseTargets()) {
  describe(`audit log on ${target.name}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
      for (const [action, id] of [
        ['session.sign_in', '1'],
        ['reservation.view', 'HTG-A'],
        ['reservation.cancel', 'HTG-A'],
        ['reservation.view', 'HTG-B'],
      ] as const) {
        await recordAudit(db.database.db, { actor, action, target: { type: 'reservation', id }, requestId: `req-${action}-${id}` });
      }
    });
    after(() => db.dispose());

    it('filters by action and target, newest first, and counts what the filter matches', async () => {
      const views = await listAudit(db.database.db, { action: 'reservation.view', page: 1, pageSize: 10 });
      assert.deepEqual(
        views.map((v) => v.target.id),
        ['HTG-B', 'HTG-A'],
      );
      assert.equal(await countAudit(db.database.db, { action: 'reservation.view' }), 2);
      assert.equal(await countAudit(db.database.db, { targetId: 'HTG-A' }), 2);
      assert.equal(await countAudit(db.database.db, { action: 'reservation.view', targetId: 'HTG-A' }), 1);
      assert.equal(await countAudit(db.database.db, {}), 4);
    });

    it('pages through the log', async () => {
      const page2 = await listAudit(db.database.db, { page: 2, pageSize: 3 });
      assert.deepEqual(
        page2.map((e) => e.action),
        ['session.sign_in'],
      );
    });
  });
}
