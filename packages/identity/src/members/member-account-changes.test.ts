import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryRateLimiter } from '@hatago/cache';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { addSavedGuest, getSavedGuest, listSavedGuests, removeSavedGuest, SAVED_GUESTS_PER_MEMBER, updateSavedGuest } from '../saved-guests/saved-guests.ts';
import { createSession, resolveSession } from '../sessions/sessions.ts';
import { getMember, logInMember, signUpMember } from './member-accounts.ts';
import { updateMemberProfile } from './member-profile.ts';
import { changeMemberPassword, PASSWORD_CHANGE } from './password-change.ts';

const fieldsOf = (error: unknown) => (error instanceof DomainError ? error.fields.map((f) => f.field).sort() : []);
const codeOf = (error: unknown) => (error instanceof DomainError ? error.code : String(error));
const origin = (locale: 'ja' | 'en') => ({ client: '10.9.0.1', locale, verifyUrl: (token: string) => `https://hatago.example/signup/verify?token=${token}` });
const companion = { name: '佐藤 次郎', nameLatin: 'Jiro Sato', phone: '090-5555-6666' };

for (const target of testDatabaseTargets()) {
  describe(`member account changes on ${target.name}`, () => {
    let db: TestDatabase;
    let memberId = 0;
    let otherId = 0;
    const password = 'the first long password';
    before(async () => {
      db = await createTestDatabase(target, { seed: { hotelsPerArea: 1, days: 1 } });
      const member = await signUpMember(db.database.db, { name: '佐藤 花子', nameLatin: 'Hanako Sato', email: 'hanako@example.com', phone: '080-1234-5678', password }, origin('en'));
      const other = await signUpMember(db.database.db, { name: '林 一', nameLatin: 'Hajime Hayashi', email: 'hajime@example.com', phone: '080-8765-4321', password }, origin('ja'));
      memberId = member!.id;
      otherId = other!.id;
    });
    after(() => db.dispose());

    it('takes the sign-up language as the preferred one, and changes names, phone and language, never the address', async () => {
      assert.equal((await getMember(db.database.db, memberId))!.preferredLang, 'en');
      const changed = await updateMemberProfile(db.database.db, memberId, { name: ' 佐藤 花 ', nameLatin: 'Hana Sato', phone: '03-1234-5678', preferredLang: 'ja', email: 'x@example.com' } as never);
      assert.deepEqual(
        { ...(await getMember(db.database.db, memberId)) },
        { ...changed, id: memberId, email: 'hanako@example.com', name: '佐藤 花', nameLatin: 'Hana Sato', phone: '03-1234-5678', preferredLang: 'ja', emailVerified: false },
      );
    });

    it('refuses a bad profile with every field named and changes nothing', async () => {
      const before = await getMember(db.database.db, memberId);
      await assert.rejects(
        updateMemberProfile(db.database.db, memberId, { name: '<b>', nameLatin: '山田', phone: 'call me', preferredLang: 'fr' }),
        (e) => codeOf(e) === 'INVALID_PROFILE' && fieldsOf(e).join() === 'name,nameLatin,phone,preferredLang',
      );
      assert.deepEqual(await getMember(db.database.db, memberId), before);
    });

    it('changes the password only with the current one, ends every session and mails a notice in the member’s language', async () => {
      const limiter = new MemoryRateLimiter();
      const sessions = [await createSession(db.database.db, 'member', memberId), await createSession(db.database.db, 'member', memberId)];
      const others = await createSession(db.database.db, 'member', otherId);
      const change = (currentPassword: string, newPassword: string) => changeMemberPassword(db.database.db, limiter, { memberId, currentPassword, newPassword });
      await assert.rejects(change('not the password', 'a brand new password'), (e) => codeOf(e) === 'INVALID_PASSWORD_CHANGE' && fieldsOf(e).join() === 'currentPassword');
      await assert.rejects(change('', 'short'), (e) => fieldsOf(e).join() === 'currentPassword,password');
      await assert.rejects(change(password, password), (e) => fieldsOf(e).join() === 'password', 'a new password must differ');
      assert.equal(await resolveSession(db.database.db, 'member', sessions[0]!.token), memberId, 'refusals end nothing');

      await change(password, 'a brand new password');
      for (const { token } of sessions) assert.equal(await resolveSession(db.database.db, 'member', token), undefined);
      assert.equal(await resolveSession(db.database.db, 'member', others.token), otherId, 'other members stay signed in');
      await assert.rejects(logInMember(db.database.db, { email: 'hanako@example.com', password, client: '10.9.0.2' }), (e) => codeOf(e) === 'INVALID_CREDENTIALS');
      assert.equal((await logInMember(db.database.db, { email: 'hanako@example.com', password: 'a brand new password', client: '10.9.0.2' })).id, memberId);
      const mails = await db.database.db.selectFrom('mail_messages').select(['recipient', 'locale']).where('template', '=', 'password-changed').execute();
      assert.deepEqual(mails, [{ recipient: 'hanako@example.com', locale: 'ja' }], 'one notice, in the language chosen on the profile');
    });

    it(`refuses the current password after ${PASSWORD_CHANGE.perMember} wrong ones, even the right one`, async () => {
      const limiter = new MemoryRateLimiter();
      const change = (currentPassword: string) => changeMemberPassword(db.database.db, limiter, { memberId: otherId, currentPassword, newPassword: 'another new password' });
      for (let i = 0; i < PASSWORD_CHANGE.perMember; i++) await assert.rejects(change(`wrong ${i}`), (e) => codeOf(e) === 'INVALID_PASSWORD_CHANGE');
      await assert.rejects(change(password), (e) => codeOf(e) === 'PASSWORD_CHANGE_THROTTLED');
      assert.equal((await logInMember(db.database.db, { email: 'hajime@example.com', password, client: '10.9.0.3' })).id, otherId, 'the password stayed');
    });

    it('adds, edits and removes saved guests, the address optional, each member seeing only their own', async () => {
      const saved = await addSavedGuest(db.database.db, memberId, companion);
      assert.deepEqual(saved, { id: saved.id, ...companion, email: '' });
      const edited = await updateSavedGuest(db.database.db, memberId, String(saved.id), { ...companion, email: 'jiro@example.com' });
      assert.equal(edited.email, 'jiro@example.com');
      assert.deepEqual(await listSavedGuests(db.database.db, memberId), [edited]);
      assert.deepEqual(await listSavedGuests(db.database.db, otherId), []);

      const notFound = (e: unknown) => codeOf(e) === 'SAVED_GUEST_NOT_FOUND';
      await assert.rejects(getSavedGuest(db.database.db, otherId, saved.id), notFound);
      await assert.rejects(updateSavedGuest(db.database.db, otherId, saved.id, { ...companion, name: '乗っ取り' }), notFound);
      await assert.rejects(removeSavedGuest(db.database.db, otherId, saved.id), notFound);
      for (const bad of ['abc', '-1', '0', '1e3', '99999999999999999999', undefined]) await assert.rejects(getSavedGuest(db.database.db, memberId, bad), notFound, String(bad));
      assert.deepEqual(await getSavedGuest(db.database.db, memberId, saved.id), edited, "another member's tries changed nothing");

      await assert.rejects(
        updateSavedGuest(db.database.db, memberId, saved.id, { name: '', nameLatin: 'Jiro', phone: '1', email: 'not-mail' }),
        (e) => codeOf(e) === 'INVALID_SAVED_GUEST' && fieldsOf(e).join() === 'email,name,phone',
      );
      await removeSavedGuest(db.database.db, memberId, saved.id);
      await assert.rejects(removeSavedGuest(db.database.db, memberId, saved.id), notFound);
      assert.deepEqual(await listSavedGuests(db.database.db, memberId), []);
    });

    it(`keeps at most ${SAVED_GUESTS_PER_MEMBER} saved guests per member`, async () => {
      for (let i = 0; i < SAVED_GUESTS_PER_MEMBER; i++) await addSavedGuest(db.database.db, otherId, companion);
      await assert.rejects(addSavedGuest(db.database.db, otherId, companion), (e) => codeOf(e) === 'INVALID_SAVED_GUEST');
      assert.equal((await listSavedGuests(db.database.db, otherId)).length, SAVED_GUESTS_PER_MEMBER);
    });
  });
}
