import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { isVerifiedMember, verifyMemberEmail } from './email-verification.ts';
import { signUpMember } from './member-accounts.ts';

const input = { name: '佐藤 健', nameLatin: 'Ken Sato', email: 'Ken.Welcome@example.com', phone: '080-1111-2222', password: 'a long enough secret' };
const origin = { client: '10.0.0.1', locale: 'en' as const, verifyUrl: (token: string) => `https://hatago.example/signup/verify?token=${token}` };
const linkInvalid = (e: unknown) => e instanceof DomainError && e.code === 'EMAIL_VERIFICATION_LINK_INVALID';

for (const target of testDatabaseTargets()) {
  describe(`member sign-up mails and email verification (${target.name})`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target, { seed: false });
    });
    after(() => db.dispose());

    const mails = async () =>
      (
        await sql<{ template: string; recipient: string; locale: string; params: unknown }>`
          select template, recipient, locale, params from mail_messages order by id`.execute(db.database.db)
      ).rows.map((r) => ({ ...r, params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params }));
    const lastToken = async () => {
      const verify = (await mails()).filter((m) => m.template === 'member-verify-email').at(-1)!;
      return new URL((verify.params as { verifyUrl: string }).verifyUrl).searchParams.get('token')!;
    };
    const memberCount = async () => (await sql<{ n: number }>`select count(*)::int as n from members`.execute(db.database.db)).rows[0]!.n;

    it('mails a new address a verification link in the language of the sign-up page, and no welcome yet', async () => {
      const member = (await signUpMember(db.database.db, input, origin))!;
      const sent = await mails();
      assert.deepEqual(
        sent.map((m) => [m.template, m.recipient, m.locale]),
        [['member-verify-email', input.email, 'en']],
      );
      assert.equal(await isVerifiedMember(db.database.db, member.id), false);
    });

    it('answers a registered address the same, mailing its owner a fresh link while it is unverified, and a note once verified', async () => {
      assert.equal(await signUpMember(db.database.db, { ...input, email: 'ken.welcome@EXAMPLE.com' }, origin), undefined);
      assert.equal((await mails()).filter((m) => m.template === 'member-verify-email').length, 2);
      await verifyMemberEmail(db.database.db, await lastToken(), 'en');
      assert.equal(await signUpMember(db.database.db, { ...input, password: 'another long secret' }, origin), undefined);
      assert.deepEqual((await mails()).at(-1)!.template, 'sign-up-attempted');
      assert.equal(await memberCount(), 1);
    });

    it('verifies through the link once, welcoming the member, and refuses used, expired and unknown links alike', async () => {
      const member = (await signUpMember(db.database.db, { ...input, email: 'mika@example.com' }, origin))!;
      const token = await lastToken();
      assert.deepEqual(await verifyMemberEmail(db.database.db, token, 'ja'), { memberId: member.id });
      assert.equal(await isVerifiedMember(db.database.db, member.id), true);
      assert.deepEqual((await mails()).at(-1)!.template, 'member-welcome');
      await assert.rejects(verifyMemberEmail(db.database.db, token, 'ja'), linkInvalid);
      await assert.rejects(verifyMemberEmail(db.database.db, 'x'.repeat(43), 'ja'), linkInvalid);
      await assert.rejects(verifyMemberEmail(db.database.db, undefined, 'ja'), linkInvalid);

      const late = (await signUpMember(db.database.db, { ...input, email: 'late@example.com' }, origin))!;
      await sql`update email_verification_tokens set expires_at = now() - interval '1 minute' where member_id = ${late.id}`.execute(db.database.db);
      await assert.rejects(verifyMemberEmail(db.database.db, await lastToken(), 'ja'), linkInvalid);
      assert.equal(await isVerifiedMember(db.database.db, late.id), false);
    });

    it('queues nothing when the sign-up is invalid', async () => {
      const before = (await mails()).length;
      await assert.rejects(signUpMember(db.database.db, { ...input, email: 'other@example.com', password: 'short' }, origin));
      assert.equal((await mails()).length, before);
    });
  });
}
