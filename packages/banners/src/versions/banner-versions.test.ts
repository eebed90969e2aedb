import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listAudit } from '@hatago/audit';
import { MemoryCache } from '@hatago/cache';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { BannerChanges } from '../banner-changes.ts';
import { banner, documentText } from '../testing/banner-fixtures.ts';
import { diffBannerVersions, listBannerVersions, liveVersion, publishBannerDocument, rollBackBanners } from './banner-versions.ts';

for (const target of testDatabaseTargets()) {
  describe(`banner versions on ${target.name}`, () => {
    let db: TestDatabase;
    const heard: number[] = [];
    const action = { actor: { id: 3, name: 'Demo Editor' }, requestId: 'req-banners' };
    const context = () => {
      const cache = new MemoryCache();
      const changes = new BannerChanges(cache);
      changes.subscribe(({ version }) => heard.push(version));
      return { db: db.database.db, changes };
    };
    const versionCount = async () => Number((await sql<{ n: string }>`select count(*) as n from banner_versions`.execute(db.database.db)).rows[0]!.n);

    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    it('publishes nothing of a document with any error, and says every error', async () => {
      const text = documentText(banner({ id: 'ok' }), { ...banner({ id: 'bad' }), priority: -1 });
      await assert.rejects(
        publishBannerDocument(context(), text, action),
        (error: DomainError) => error.code === 'INVALID_BANNER_DOCUMENT' && error.fields.length === 1 && error.fields[0]!.field === '$.banners[1].priority',
      );
      assert.equal(await versionCount(), 0);
      assert.equal(await liveVersion(db.database.db), undefined);
    });

    it('publishes versions with their author and diff, and rolls back to a byte-identical new version', async () => {
      const ctx = context();
      const first = documentText(banner({ id: 'spring' }));
      // an editor's own layout, kept exactly: rollback must restore these bytes, not a re-serialisation
      const second = `{"banners":[${JSON.stringify(banner({ id: 'spring', caption: { ja: '春', en: 'Spring sale' } }))},\n  ${JSON.stringify(banner({ id: 'summer', slot: 'home-carousel' }))}]}`;
      const v1 = await publishBannerDocument(ctx, first, action);
      const v2 = await publishBannerDocument(ctx, second, action);
      assert.equal((await liveVersion(db.database.db))!.text, second);
      assert.deepEqual(heard.slice(-2), [v1.version, v2.version], 'each publish is announced');

      const diff = await diffBannerVersions(db.database.db, v1.version, v2.version);
      assert.deepEqual(diff.map((d) => [d.path, d.change]), [
        ['banners[spring].caption.ja', 'changed'],
        ['banners[spring].caption.en', 'changed'],
        ['banners[summer]', 'added'],
      ]);

      const v3 = await rollBackBanners(ctx, v1.version, { ...action, actor: { id: 2, name: 'Demo Admin' } });
      assert.ok(v3.version > v2.version, 'a rollback is a new version');
      assert.equal(v3.text, first);
      assert.equal(Buffer.compare(Buffer.from((await liveVersion(db.database.db))!.text), Buffer.from(first)), 0, 'byte for byte');
      assert.equal(v3.restoredFrom, v1.version);
      assert.deepEqual((await listBannerVersions(db.database.db)).map((v) => v.version), [v3.version, v2.version, v1.version]);

      const audits = await listAudit(db.database.db, { targetType: 'banner_version', page: 1, pageSize: 10 });
      const rollback = audits.find((a) => a.action === 'banners.rollback')!;
      assert.equal(rollback.actor.name, 'Demo Admin');
      assert.equal(rollback.detail!.restoredFrom, v1.version);
      assert.deepEqual((rollback.detail!.diff as Array<{ path: string }>).map((d) => d.path), ['banners[spring].caption.ja', 'banners[spring].caption.en', 'banners[summer]']);
      const publish = audits.find((a) => a.target.id === String(v1.version))!;
      assert.equal(publish.action, 'banners.publish');
      assert.deepEqual((publish.detail!.diff as Array<{ path: string }>).map((d) => d.path), ['banners[spring]']);
    });

    it('answers not found for a version that does not exist', async () => {
      await assert.rejects(rollBackBanners(context(), 999_999, action), (error: DomainError) => error.code === 'BANNER_VERSION_NOT_FOUND');
    });
  });
}
