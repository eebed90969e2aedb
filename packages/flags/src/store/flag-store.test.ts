import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '@hatago/audit';
import { MemoryCache } from '@hatago/cache';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { FlagChanges } from '../flag-changes.ts';
import { flagDefinition } from '../testing/flag-fixtures.ts';
import { createFlag, deleteFlag, FLAG_AUDIT_TARGET, getFlag, listFlags, setEnvironmentEnabled, updateFlag } from './flag-store.ts';

for (const target of testDatabaseTargets()) {
  describe(`flag store on ${target.name}`, () => {
    let db: TestDatabase;
    const heard: string[] = [];
    const action = { actor: { id: 3, name: 'Demo Editor' }, requestId: 'req-flags' };
    const context = () => {
      const cache = new MemoryCache();
      cache.subscribeInvalidations((i) => heard.push(`${i.namespaces.join()}:${(i.event as { key: string }).key}`));
      return { db: db.database.db, changes: new FlagChanges(cache) };
    };
    const historyOf = async (key: string) => (await listAudit(db.database.db, { targetType: FLAG_AUDIT_TARGET, targetId: key, page: 1, pageSize: 20 })).reverse();

    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    it('creates nothing of a flag with any error, and says every error with its path', async () => {
      await assert.rejects(
        createFlag(context(), { ...flagDefinition({ key: 'broken' }), owner: '', environments: { production: { enabled: true, percent: 150, allow: [] } } }, action),
        (error: DomainError) => error.code === 'INVALID_FEATURE_FLAG' && error.fields.map((f) => f.field).join() === '$.owner,$.environments.production.percent',
      );
      assert.deepEqual(await listFlags(db.database.db), []);
      assert.deepEqual(await historyOf('broken'), []);
    });

    it('creates, updates at the version seen, refuses a stale version and changes nothing, audited and announced', async () => {
      const ctx = context();
      const created = await createFlag(ctx, flagDefinition(), action);
      assert.equal(created.version, 1);
      await assert.rejects(createFlag(ctx, flagDefinition(), action), (error: DomainError) => error.code === 'FEATURE_FLAG_EXISTS' && error.kind === 'conflict');

      const edited = { ...flagDefinition(), environments: { ...flagDefinition().environments, production: { enabled: true, percent: 10, allow: ['new-search'] } } };
      const v2 = await updateFlag(ctx, 'new-search', edited, 1, { ...action, actor: { id: 2, name: 'Demo Admin' } });
      assert.equal(v2.version, 2);
      assert.equal(v2.updatedBy, 'Demo Admin');

      const stale = { ...edited, description: 'somebody else’s idea' };
      await assert.rejects(updateFlag(ctx, 'new-search', stale, 1, action), (error: DomainError) => error.code === 'FEATURE_FLAG_STALE' && error.kind === 'conflict' && /Demo Admin/.test(error.message));
      const now = await getFlag(db.database.db, 'new-search');
      assert.deepEqual([now.version, now.definition.description, now.definition.environments.production!.percent], [2, 'Photo-grid search results', 10]);

      const history = await historyOf('new-search');
      assert.deepEqual(history.map((h) => `${h.action} ${h.actor.name} ${h.requestId}`), ['feature_flag.create Demo Editor req-flags', 'feature_flag.update Demo Admin req-flags']);
      assert.deepEqual(history[1]!.detail, { fromVersion: 1, version: 2, diff: [{ path: 'environments.production.percent', before: 0, after: 10 }] });
      assert.deepEqual(heard, ['flags:new-search', 'flags:new-search'], 'each committed change, and only those, is announced');
    });

    it('turns one environment off and on with the kill switch, whatever the version, only that environment', async () => {
      const ctx = context();
      const before = await getFlag(db.database.db, 'new-search');
      const off = await setEnvironmentEnabled(ctx, 'new-search', 'production', false, action);
      assert.equal(off.version, before.version + 1);
      assert.deepEqual(Object.fromEntries(Object.entries(off.definition.environments).map(([name, rule]) => [name, rule.enabled])), { development: true, production: false, staging: true });
      assert.deepEqual({ ...off.definition.environments.production, enabled: true }, before.definition.environments.production, 'only enabled changes');
      const again = await setEnvironmentEnabled(ctx, 'new-search', 'production', false, action);
      assert.equal(again.version, off.version, 'pressing it twice changes nothing');
      await setEnvironmentEnabled(ctx, 'new-search', 'production', true, action);
      await assert.rejects(setEnvironmentEnabled(ctx, 'new-search', 'moon', false, action), (error: DomainError) => error.code === 'FEATURE_FLAG_ENVIRONMENT_NOT_FOUND');
      await assert.rejects(setEnvironmentEnabled(ctx, 'no-such-flag', 'production', false, action), (error: DomainError) => error.code === 'FEATURE_FLAG_NOT_FOUND');
      const kills = (await historyOf('new-search')).slice(-2);
      assert.deepEqual(kills.map((k) => [k.action, k.detail!.environment]), [['feature_flag.disable', 'production'], ['feature_flag.enable', 'production']]);
      assert.deepEqual(kills[0]!.detail!.diff, [{ path: 'environments.production.enabled', before: true, after: false }]);
    });

    it('deletes only at the version confirmed, keeping the definition in the audit log', async () => {
      const ctx = context();
      const current = await getFlag(db.database.db, 'new-search');
      await assert.rejects(deleteFlag(ctx, 'new-search', current.version - 1, action), (error: DomainError) => error.code === 'FEATURE_FLAG_STALE');
      await deleteFlag(ctx, 'new-search', current.version, action);
      await assert.rejects(getFlag(db.database.db, 'new-search'), (error: DomainError) => error.code === 'FEATURE_FLAG_NOT_FOUND');
      const deleted = (await historyOf('new-search')).at(-1)!;
      assert.equal(deleted.action, 'feature_flag.delete');
      assert.deepEqual(deleted.detail!.before, current.definition);
    });
  });
}
