import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { signUpMember } from './member-accounts.ts';

const input = { name: '佐藤 健', nameLatin: 'Ken Sato', email: 'Ken.Welcome@example.com', phone: '080-1111-2222', password: 'a long enough secret' };

for (const target of testDatabaseTargets()) {
  describe(`member welcome mail (${target.name})`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    const welcomes = async () =>
      (
        await sql<{ recipient: string; locale: string; params: unknown; category: string }>`
          select recipient, locale, params, category from mail_messages where template = 'member-welcome' order by id`.execute(db.database.db)
      ).rows.map((r) => ({ ...r, params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params }));

    it('queues the welcome in the language of the sign-up page, with the member', async () => {
      await signUpMember(db.database.db, input, { client: '10.0.0.1', locale: 'en' });
      assert.deepEqual(await welcomes(), [{ recipient: input.email, locale: 'en', params: { name: input.name }, category: 'member' }]);
    });

    it('queues nothing when the sign-up fails', async () => {
      await assert.rejects(signUpMember(db.database.db, { ...input, email: 'ken.welcome@EXAMPLE.com' }, { client: '10.0.0.1' }));
      await assert.rejects(signUpMember(db.database.db, { ...input, email: 'other@example.com', password: 'short' }, { client: '10.0.0.1' }));
      assert.equal((await welcomes()).length, 1);
      const members = await sql<{ n: number }>`select count(*)::int as n from members`.execute(db.database.db);
      assert.equal(members.rows[0]!.n, 1);
    });
  });
}
