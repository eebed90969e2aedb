import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryRateLimiter } from '@hatago/cache';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { sql } from 'kysely';
import { CURRENT_PASSWORD_TRIES } from './current-password.ts';
import { confirmEmailChange, EMAIL_CHANGE, requestEmailChange } from './email-change.ts';
import { changeMemberPassword } from './password-change.ts';
import { getMember, logInMember, signUpMember } from './member-accounts.ts';

const fieldsOf = (error: unknown) => (error instanceof DomainError ? error.fields.map((f) => f.field).sort() : []);
const codeOf = (error: unknown) => (error instanceof DomainError ? error.code : String(error));
const origin = (locale: 'ja' | 'en') => ({ client: '10.8.0.1', locale, verifyUrl: (token: string) => `https://hatago.example/signup/verify?token=${token}` });
const confirmUrl = (token: string, locale: 'ja' | 'en') => `https://hatago.example/account/email/confirm?token=${token}${locale === 'en' ? '&lang=en' : ''}`;
const password = 'an email change password';

interface Mail { template: string; recipient: string; locale: string; params: Record<string, unknown> }

for (const target of testDatabaseTargets()) {
  describe(`member email change on ${target.name}`, () => {
    let db: TestDatabase;
    let n = 0;
    before(async () => {
      db = await createTestDatabase(target, { seed: { hotelsPerArea: 1, days: 1 } });
    });
    after(() => db.dispose());

    /** A member of the test's own, mails in `lang`. */
    async function member(lang: 'ja' | 'en' = 'en'): Promise<{ id: number; email: string }> {
      const email = `change-${++n}@example.com`;
      const created = await signUpMember(db.database.db, { name: '佐藤 花子', nameLatin: 'Hanako Sato', email, phone: '080-1234-5678', password }, origin(lang));
      return { id: created!.id, email };
    }
    const request = (memberId: number, newEmail: string, currentPassword = password, limiter = new MemoryRateLimiter()) =>
      requestEmailChange(db.database.db, limiter, { memberId, newEmail, currentPassword, confirmUrl });
    const mailsTo = async (recipient: string): Promise<Mail[]> => {
      const { rows } = await sql<Mail>`select template, recipient, locale, params from mail_messages where lower(recipient) = lower(${recipient}) order by id`.execute(db.database.db);
      return rows.map((row) => ({ ...row, params: typeof row.params === 'string' ? JSON.parse(row.params) : row.params }));
    };
    const tokenMailedTo = async (recipient: string) => {
      const confirm = (await mailsTo(recipient)).filter((m) => m.template === 'email-change-confirm').at(-1);
      return new URL(String(confirm!.params.confirmUrl)).searchParams.get('token')!;
    };
    const emailOf = async (id: number) => (await getMember(db.database.db, id))!.email;

    it('refuses a bad request with its fields named, and mails nothing', async () => {
      const { id, email } = await member();
      await assert.rejects(request(id, 'not an address', ''), (e) => codeOf(e) === 'INVALID_EMAIL_CHANGE' && fieldsOf(e).join() === 'currentPassword,email');
      await assert.rejects(request(id, 'new-1@example.com', 'not the password'), (e) => codeOf(e) === 'INVALID_EMAIL_CHANGE' && fieldsOf(e).join() === 'currentPassword');
      await assert.rejects(request(id, email.toUpperCase()), (e) => codeOf(e) === 'INVALID_EMAIL_CHANGE' && fieldsOf(e).join() === 'email', 'the current address');
      assert.deepEqual((await mailsTo(email)).map((m) => m.template), ['member-verify-email']);
      assert.deepEqual(await mailsTo('new-1@example.com'), []);
    });

    it('mails a link to the new address and a notice to the old, in the member’s language, and changes the address only when the link is opened, once', async () => {
      const { id, email } = await member('en');
      await request(id, ' Moved-2@Example.com ');
      assert.equal(await emailOf(id), email, 'nothing changes before the link is opened');
      const [confirm] = await mailsTo('moved-2@example.com');
      assert.deepEqual([confirm!.template, confirm!.locale, confirm!.params.expiresInHours], ['email-change-confirm', 'en', EMAIL_CHANGE.expiresInHours]);
      assert.match(String(confirm!.params.confirmUrl), /^https:\/\/hatago\.example\/account\/email\/confirm\?token=[\w-]{43}&lang=en$/);
      const notice = (await mailsTo(email)).at(-1)!;
      assert.deepEqual([notice.template, notice.locale, notice.params.newEmail], ['email-change-requested', 'en', 'Moved-2@Example.com']);

      const token = await tokenMailedTo('moved-2@example.com');
      assert.deepEqual(await confirmEmailChange(db.database.db, token), { memberId: id, email: 'Moved-2@Example.com' });
      const moved = await getMember(db.database.db, id);
      assert.deepEqual([moved!.email, moved!.emailVerified], ['Moved-2@Example.com', true], 'the link proved the new address');
      await assert.rejects(confirmEmailChange(db.database.db, token), (e) => codeOf(e) === 'EMAIL_CHANGE_LINK_INVALID', 'a link works once');
      assert.equal((await logInMember(db.database.db, { email: 'moved-2@example.com', password, client: '10.8.0.2' })).id, id);
      await assert.rejects(logInMember(db.database.db, { email, password, client: '10.8.0.2' }), (e) => codeOf(e) === 'INVALID_CREDENTIALS');
    });

    it('writes the mails in the language chosen on the profile', async () => {
      const { id, email } = await member('ja');
      await request(id, 'moved-3@example.com');
      assert.deepEqual([(await mailsTo('moved-3@example.com'))[0]!.locale, (await mailsTo(email)).at(-1)!.locale], ['ja', 'ja']);
      assert.doesNotMatch(String((await mailsTo('moved-3@example.com'))[0]!.params.confirmUrl), /lang=en/);
    });

    it('refuses a link that expired or that a newer request superseded', async () => {
      const { id, email } = await member();
      await request(id, 'moved-4@example.com');
      const first = await tokenMailedTo('moved-4@example.com');
      await request(id, 'moved-5@example.com');
      await assert.rejects(confirmEmailChange(db.database.db, first), (e) => codeOf(e) === 'EMAIL_CHANGE_LINK_INVALID', 'only the newest link works');
      await sql`update email_change_tokens set expires_at = now() - interval '1 second' where new_email = 'moved-5@example.com'`.execute(db.database.db);
      await assert.rejects(confirmEmailChange(db.database.db, await tokenMailedTo('moved-5@example.com')), (e) => codeOf(e) === 'EMAIL_CHANGE_LINK_INVALID');
      await assert.rejects(confirmEmailChange(db.database.db, 'x'.repeat(43)), (e) => codeOf(e) === 'EMAIL_CHANGE_LINK_INVALID');
      await assert.rejects(confirmEmailChange(db.database.db, undefined), (e) => codeOf(e) === 'EMAIL_CHANGE_LINK_INVALID');
      assert.equal(await emailOf(id), email);
    });

    it("answers an address another member holds as any other, mailing its owner a note instead of a link", async () => {
      const { id, email } = await member('en');
      const holder = await member('ja');
      await request(id, holder.email.toUpperCase());
      const toHolder = await mailsTo(holder.email);
      assert.deepEqual(toHolder.map((m) => [m.template, m.locale]), [['member-verify-email', 'ja'], ['email-change-address-in-use', 'ja']], 'no link, in the holder’s language');
      assert.equal((await mailsTo(email)).at(-1)!.template, 'email-change-requested', 'the member is told as for any address');
      assert.equal(await emailOf(id), email);
    });

    it('refuses a link whose address another member took meanwhile, changing nothing and leaving the link unspent', async () => {
      const { id, email } = await member();
      await request(id, 'contested-6@example.com');
      const token = await tokenMailedTo('contested-6@example.com');
      await signUpMember(db.database.db, { name: '林 一', nameLatin: 'Hajime Hayashi', email: 'contested-6@example.com', phone: '080-8765-4321', password }, origin('ja'));
      await assert.rejects(confirmEmailChange(db.database.db, token), (e) => codeOf(e) === 'EMAIL_CHANGE_ADDRESS_TAKEN');
      assert.equal(await emailOf(id), email);
      const { rows } = await sql<{ used: boolean }>`select used_at is not null as used from email_change_tokens where new_email = 'contested-6@example.com'`.execute(db.database.db);
      assert.deepEqual(rows, [{ used: false }]);
    });

    it('counts wrong passwords with the password change form: a stolen session cannot guess twice as often', async () => {
      const { id, email } = await member();
      const limiter = new MemoryRateLimiter();
      for (let i = 0; i < CURRENT_PASSWORD_TRIES.perMember - 1; i++) {
        await assert.rejects(changeMemberPassword(db.database.db, limiter, { memberId: id, currentPassword: `wrong ${i}`, newPassword: 'another long password' }));
      }
      await assert.rejects(request(id, 'moved-7@example.com', 'wrong again', limiter), (e) => codeOf(e) === 'INVALID_EMAIL_CHANGE');
      await assert.rejects(request(id, 'moved-7@example.com', password, limiter), (e) => codeOf(e) === 'EMAIL_CHANGE_THROTTLED', 'even the right password waits');
      assert.deepEqual(await mailsTo('moved-7@example.com'), []);
      assert.equal(await emailOf(id), email);
    });
  });
}
