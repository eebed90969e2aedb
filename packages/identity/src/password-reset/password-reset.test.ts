import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { MemoryRateLimiter } from '@hatago/cache';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { hashPassword, verifyPassword } from '../passwords/password-hash.ts';
import { createSession, resolveSession } from '../sessions/sessions.ts';
import { PASSWORD_RESET, passwordResetLinkIsValid, requestPasswordReset, resetPassword } from './password-reset.ts';

const codeOf = (error: unknown) => (error instanceof DomainError ? error.code : String(error));
const resetUrl = (token: string) => `https://hatago.example/members/password-reset/${token}`;

for (const target of testDatabaseTargets()) {
  describe(`password reset (${target.name})`, () => {
    let db: TestDatabase;
    let memberId: number;
    let client = 0;
    /** A fresh client address per request, unless a test is about the client limit. */
    const request = (email: string, options: { limiter?: MemoryRateLimiter; client?: string; locale?: 'ja' | 'en' } = {}) =>
      requestPasswordReset(db.database.db, options.limiter ?? new MemoryRateLimiter(), {
        email,
        client: options.client ?? `192.0.2.${++client}`,
        locale: options.locale ?? 'ja',
        resetUrl,
      });
    const resetMails = async () =>
      (
        await sql<{ recipient: string; locale: string; params: unknown }>`
          select recipient, locale, params from mail_messages where template = 'password-reset' order by id`.execute(db.database.db)
      ).rows.map((r) => ({ ...r, params: (typeof r.params === 'string' ? JSON.parse(r.params) : r.params) as { name: string; resetUrl: string; expiresInMinutes: number } }));
    const latestToken = async () => (await resetMails()).at(-1)!.params.resetUrl.split('/').at(-1)!;
    const passwordHash = async () =>
      (await sql<{ password_hash: string }>`select password_hash from members where id = ${memberId}`.execute(db.database.db)).rows[0]!.password_hash;

    before(async () => {
      db = await createTestDatabase(target, { seed: false });
      const { rows } = await sql<{ id: number }>`
        insert into members (email, name, name_latin, phone, password_hash)
        values ('Aoi.Tanaka@example.com', '田中 葵', 'Aoi Tanaka', '090-0000-1111', ${await hashPassword('the old password')}) returning id`.execute(db.database.db);
      memberId = Number(rows[0]!.id);
    });
    after(() => db.dispose());

    it('mails a single-use link valid for 30 minutes to a member, keeping only its hash', async () => {
      await request(' AOI.TANAKA@example.com ', { locale: 'en' });
      const mails = await resetMails();
      assert.equal(mails.length, 1);
      assert.equal(mails[0]!.recipient, 'Aoi.Tanaka@example.com');
      assert.equal(mails[0]!.locale, 'en');
      assert.equal(mails[0]!.params.name, '田中 葵');
      assert.equal(mails[0]!.params.expiresInMinutes, 30);
      const token = await latestToken();
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      const { rows } = await sql<{ token_hash: string; minutes: number }>`
        select token_hash, round(extract(epoch from expires_at - created_at) / 60)::int as minutes from password_reset_tokens`.execute(db.database.db);
      assert.equal(rows.length, 1);
      assert.notEqual(rows[0]!.token_hash, token, 'the table holds no usable token');
      assert.equal(rows[0]!.minutes, PASSWORD_RESET.expiresInMinutes);
      assert.equal(await passwordResetLinkIsValid(db.database.db, token), true);
    });

    it('answers an unknown address exactly like a known one, and refuses a malformed one', async () => {
      const before = (await resetMails()).length;
      assert.equal(await request('nobody@example.com'), undefined);
      assert.equal((await resetMails()).length, before);
      await assert.rejects(request('not an address'), (e: DomainError) => e.kind === 'invalid' && e.fields[0]!.field === 'email');
    });

    it('sets the new password once, spends the link and ends every session', async () => {
      await request('aoi.tanaka@example.com');
      const token = await latestToken();
      const session = await createSession(db.database.db, 'member', memberId);
      await assert.rejects(resetPassword(db.database.db, { token, password: 'short' }), (e: DomainError) => e.fields[0]?.field === 'password');
      assert.equal(await passwordResetLinkIsValid(db.database.db, token), true, 'a refused password does not spend the link');
      assert.deepEqual(await resetPassword(db.database.db, { token, password: 'a brand new password' }), { memberId });
      assert.equal(await verifyPassword('a brand new password', await passwordHash()), true);
      assert.equal(await resolveSession(db.database.db, 'member', session.token), undefined);
      await assert.rejects(resetPassword(db.database.db, { token, password: 'another new password' }), (e) => codeOf(e) === 'PASSWORD_RESET_LINK_INVALID');
      assert.equal(await verifyPassword('a brand new password', await passwordHash()), true);
    });

    it('refuses expired, replaced, forged and malformed links without changing the password', async () => {
      const hashBefore = await passwordHash();
      await request('aoi.tanaka@example.com');
      const first = await latestToken();
      await request('aoi.tanaka@example.com');
      const second = await latestToken();
      await sql`update password_reset_tokens set expires_at = now() - interval '1 second' where used_at is null`.execute(db.database.db);
      for (const token of [first, second, 'A'.repeat(43), '../../etc', 42, undefined]) {
        assert.equal(await passwordResetLinkIsValid(db.database.db, token), false, String(token));
        await assert.rejects(resetPassword(db.database.db, { token, password: 'long enough password' }), (e) => codeOf(e) === 'PASSWORD_RESET_LINK_INVALID', String(token));
      }
      await request('aoi.tanaka@example.com');
      const third = await latestToken();
      await request('aoi.tanaka@example.com');
      assert.equal(await passwordResetLinkIsValid(db.database.db, third), false, 'a newer link replaces it');
      assert.equal(await passwordHash(), hashBefore);
    });

    it('lets one of two simultaneous submissions of a link win', async () => {
      await request('aoi.tanaka@example.com');
      const token = await latestToken();
      const outcomes = await Promise.allSettled([
        resetPassword(db.database.db, { token, password: 'first tab password' }),
        resetPassword(db.database.db, { token, password: 'second tab password' }),
      ]);
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
      const hash = await passwordHash();
      assert.equal((await verifyPassword('first tab password', hash)) || (await verifyPassword('second tab password', hash)), true);
    });

    it('throttles per address and per client, for members and strangers alike', async () => {
      for (const email of ['aoi.tanaka@example.com', 'stranger@example.com']) {
        const limiter = new MemoryRateLimiter();
        for (let i = 0; i < PASSWORD_RESET.perAddress; i++) await request(email, { limiter });
        await assert.rejects(request(email.toUpperCase(), { limiter }), (e) => codeOf(e) === 'PASSWORD_RESET_THROTTLED', email);
      }
      const mailsBefore = (await resetMails()).length;
      const limiter = new MemoryRateLimiter();
      for (let i = 0; i < PASSWORD_RESET.perClient; i++) await request(`someone${i}@example.com`, { limiter, client: '203.0.113.9' });
      await assert.rejects(request('aoi.tanaka@example.com', { limiter, client: '203.0.113.9' }), (e) => codeOf(e) === 'PASSWORD_RESET_THROTTLED');
      assert.equal((await resetMails()).length, mailsBefore, 'a refused request mails nothing');
    });
  });
}
