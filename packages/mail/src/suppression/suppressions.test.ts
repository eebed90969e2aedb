import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { isSuppressed } from './is-suppressed.ts';
import { liftSuppression, listSuppressions, suppressAddress } from './suppressions.ts';

const LIFT = { operator: { id: 2, name: 'Demo Admin' }, requestId: 'req-lift' };

for (const target of testDatabaseTargets()) {
  describe(`suppression list (${target.name})`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    it('keeps one lowercased entry per address, with the first reason', async () => {
      assert.equal(await suppressAddress(db.database.db, { address: ' Full.Box@Example.com ', reason: 'bounce', sourceMessageId: null }), true);
      assert.equal(await suppressAddress(db.database.db, { address: 'full.box@example.com', reason: 'unsubscribe', sourceMessageId: null }), false);
      await suppressAddress(db.database.db, { address: 'angry@example.com', reason: 'spamreport', sourceMessageId: null });
      assert.equal(await isSuppressed(db.database.db, 'FULL.BOX@example.com'), true);
      const all = await listSuppressions(db.database.db, { page: 1, pageSize: 50 });
      assert.equal(all.total, 2);
      assert.deepEqual(
        all.items.map((s) => [s.address, s.reason]).sort(),
        [
          ['angry@example.com', 'spamreport'],
          ['full.box@example.com', 'bounce'],
        ],
      );
      const found = await listSuppressions(db.database.db, { address: 'BOX', page: 1, pageSize: 50 });
      assert.deepEqual(found.items.map((s) => s.address), ['full.box@example.com']);
      // LIKE wildcards in the filter are taken literally
      assert.equal((await listSuppressions(db.database.db, { address: '%', page: 1, pageSize: 50 })).total, 0);
    });

    it('lifts a suppression with a reason, audited in the same transaction', async () => {
      const lifted = await liftSuppression(db.database.db, { address: 'Full.Box@example.com', reason: 'Guest emptied the mailbox', ...LIFT });
      assert.equal(lifted.reason, 'bounce');
      assert.equal(await isSuppressed(db.database.db, 'full.box@example.com'), false);
      const audits = await listAudit(db.database.db, { action: 'mail.suppression.lift', page: 1, pageSize: 10 });
      assert.equal(audits.length, 1);
      assert.deepEqual(audits[0]!.target, { type: 'mail_address', id: 'full.box@example.com' });
      assert.equal(audits[0]!.detail!.reason, 'Guest emptied the mailbox');
      assert.equal(audits[0]!.detail!.suppressedFor, 'bounce');
    });

    it('refuses a lift without a reason or of an address not on the list, changing nothing', async () => {
      const snapshot = async () =>
        JSON.stringify([(await sql`select * from mail_suppressions order by address`.execute(db.database.db)).rows, (await sql`select count(*) from audit_log`.execute(db.database.db)).rows]);
      const before = await snapshot();
      await assert.rejects(liftSuppression(db.database.db, { address: 'angry@example.com', reason: '  ', ...LIFT }), (e: DomainError) => e.fields[0]?.field === 'reason');
      await assert.rejects(liftSuppression(db.database.db, { address: 'angry@example.com', reason: 'x'.repeat(501), ...LIFT }), (e: DomainError) => e.kind === 'invalid');
      await assert.rejects(liftSuppression(db.database.db, { address: 'nobody@example.com', reason: 'why not', ...LIFT }), (e: DomainError) => e.kind === 'not_found');
      assert.equal(await snapshot(), before);
    });
  });
}
