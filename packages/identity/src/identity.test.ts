import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { rateLimiterContract } from '@hatago/cache/contract';
import { DomainError } from '@hatago/platform/errors';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { logInMember, signUpMember } from './members/member-accounts.ts';
import { hashPassword, verifyPassword } from './passwords/password-hash.ts';
import { createSession, endSession, resolveSession } from './sessions/sessions.ts';
import { createStaffAccount, logInStaff } from './staff/staff-accounts.ts';
import { DatabaseRateLimiter } from './throttle/database-rate-limiter.ts';
import { knownDeviceOf } from './throttle/throttled-login.ts';
import { THROTTLE } from './throttle/login-throttle.ts';

const code = (error: unknown) => (error instanceof DomainError ? error.code : String(error));

describe('password hashing', () => {
  it('salts every hash, verifies the right password only, and stores its cost', async () => {
    const [a, b] = [await hashPassword('correct horse battery'), await hashPassword('correct horse battery')];
    assert.notEqual(a, b);
    assert.match(a, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword('correct horse battery', a), true);
    assert.equal(await verifyPassword('correct horse batterY', a), false);
    assert.equal(await verifyPassword('anything', 'md5$garbage'), false);
  });
});

const origin = (client: string) => ({ client, locale: 'ja' as const, verifyUrl: (token: string) => `https://hatago.example/signup/verify?token=${token}` });

for (const target of testDatabaseTargets()) {
  describe(`identity on ${target.name}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase(target, { seed: { hotelsPerArea: 1, days: 1 } });
    });
    after(() => db.dispose());

    it('signs a member up once per email, whatever its case, and never stores the password', async () => {
      const input = { name: '鈴木 一郎', nameLatin: 'Ichiro Suzuki', email: 'Ichiro@Example.com', phone: '080-1111-2222', password: 'a long enough secret' };
      const member = (await signUpMember(db.database.db, input, origin('10.0.0.1')))!;
      assert.equal(await signUpMember(db.database.db, { ...input, email: 'ichiro@example.COM' }, origin('10.0.0.1')), undefined, 'no second member');
      const { rows } = await sql<{ password_hash: string }>`select password_hash from members where id = ${member.id}`.execute(db.database.db);
      assert.doesNotMatch(rows[0]!.password_hash, /secret/);
      const loggedIn = await logInMember(db.database.db, { email: 'ICHIRO@example.com', password: 'a long enough secret', client: '10.0.0.1' });
      assert.equal(loggedIn.id, member.id);
      await assert.rejects(
        signUpMember(db.database.db, { ...input, email: 'x@example.com', password: 'short', name: '' }, origin('10.0.0.1')),
        (e) => e instanceof DomainError && ['name', 'password'].every((f) => e.fields.some((x) => x.field === f)),
      );
    });

    it(`refuses a client after ${THROTTLE.perAccountAndClient} failures on an account, while the owner elsewhere signs in`, async () => {
      const account = { login: 'support', client: '192.0.2.1' };
      for (let i = 0; i < THROTTLE.perAccountAndClient; i++) {
        await assert.rejects(logInStaff(db.database.db, 'operator', { ...account, password: `wrong-${i}` }), (e) => code(e) === 'INVALID_CREDENTIALS');
      }
      await assert.rejects(logInStaff(db.database.db, 'operator', { ...account, password: 'hatago-demo-pass' }), (e) => code(e) === 'LOGIN_THROTTLED');
      const owner = await logInStaff(db.database.db, 'operator', { login: 'support', password: 'hatago-demo-pass', client: '192.0.2.200' });
      assert.equal(owner.role, 'support', 'the account is not locked for everyone');
    });

    it(`lets only a known device in once ${THROTTLE.perAccount} attempts from everywhere put an account under attack, and alerts once`, async () => {
      const known = await logInStaff(db.database.db, 'operator', { login: 'admin', password: 'hatago-demo-pass', client: '192.0.2.250' });
      const device = knownDeviceOf('operator', known.id);
      for (let i = 0; i < THROTTLE.perAccount + 5; i++) {
        await logInStaff(db.database.db, 'operator', { login: 'admin', password: `wrong-${i}`, client: `203.0.113.${i}` }).catch(code);
      }
      const right = { login: 'admin', password: 'hatago-demo-pass', client: '192.0.2.251' };
      await assert.rejects(logInStaff(db.database.db, 'operator', right), (e) => code(e) === 'ACCOUNT_UNDER_ATTACK');
      await assert.rejects(logInStaff(db.database.db, 'operator', { ...right, knownDevice: knownDeviceOf('operator', known.id + 1) }), (e) => code(e) === 'ACCOUNT_UNDER_ATTACK');
      assert.equal((await logInStaff(db.database.db, 'operator', { ...right, knownDevice: device })).id, known.id);
      const notices = await db.database.db.selectFrom('mail_messages').select('params').where('template', '=', 'login-failures-sustained').execute();
      assert.equal(notices.length, 1, 'one notice per account and window');
      assert.match(JSON.stringify(notices[0]!.params), /operator:admin/);
    });

    it('lets no more guesses from one client through than the limit, however they are spelled or however many arrive at once', async () => {
      const password = 'the member secret';
      await signUpMember(db.database.db, { name: '林 花', nameLatin: 'Hana Hayashi', email: 'hana@example.com', phone: '080-3333-4444', password }, origin('10.0.0.2'));
      const variants = ['hana@example.com', ' hana@example.com', 'HANA@example.com ', '\thana@EXAMPLE.com'];
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          logInMember(db.database.db, { email: variants[i % variants.length]!, password: `wrong-${i}`, client: '198.51.100.1' }).catch(code),
        ),
      );
      assert.equal(outcomes.filter((o) => o === 'INVALID_CREDENTIALS').length, THROTTLE.perAccountAndClient, 'only the allowed guesses were checked');
      assert.equal(outcomes.filter((o) => o === 'LOGIN_THROTTLED').length, 20 - THROTTLE.perAccountAndClient);
      await assert.rejects(logInMember(db.database.db, { email: ' Hana@example.com', password, client: '198.51.100.1' }), (e) => code(e) === 'LOGIN_THROTTLED');
      assert.equal((await logInMember(db.database.db, { email: ' Hana@example.com', password, client: '198.51.100.99' })).email, 'hana@example.com');
    });

    it('does not count successful logins against a shared client address', async () => {
      for (let i = 0; i < THROTTLE.perClient + 2; i++) {
        await logInStaff(db.database.db, 'facility', { login: 'facility-1', password: 'hatago-demo-pass', client: '203.0.113.7' });
      }
    });

    it('does not reveal whether an account exists and keeps operators and facility staff apart', async () => {
      await assert.rejects(logInStaff(db.database.db, 'operator', { login: 'nobody', password: 'x', client: 'c' }), (e) => code(e) === 'INVALID_CREDENTIALS');
      await assert.rejects(logInStaff(db.database.db, 'operator', { login: 'facility-1', password: 'hatago-demo-pass', client: 'c' }), (e) => code(e) === 'INVALID_CREDENTIALS');
      const staff = await logInStaff(db.database.db, 'facility', { login: 'facility-1', password: 'hatago-demo-pass', client: 'c' });
      assert.equal(staff.hotelId, 1);
    });

    it('scopes a facility account to one hotel or one restaurant, never both or neither, and signs a restaurant desk in to its restaurant', async () => {
      const [hotel, restaurant] = await Promise.all([
        sql<{ id: number }>`select id from hotels order by id limit 1`.execute(db.database.db),
        sql<{ id: number }>`select id from restaurants order by id limit 1`.execute(db.database.db),
      ]);
      const [hotelId, restaurantId] = [hotel.rows[0]!.id, restaurant.rows[0]!.id];
      const base = { kind: 'facility' as const, password: 'a long enough secret' };
      await assert.rejects(createStaffAccount(db.database.db, { ...base, login: 'both', name: 'Both', hotelId, restaurantId }));
      await assert.rejects(createStaffAccount(db.database.db, { ...base, login: 'neither', name: 'Neither' }));
      await assert.rejects(createStaffAccount(db.database.db, { kind: 'operator', role: 'support', password: 'x', login: 'op-desk', name: 'Op', restaurantId }));
      const desk = await logInStaff(db.database.db, 'facility', { login: `RESTAURANT-${restaurantId}`, password: 'hatago-demo-pass', client: '10.0.9.1' });
      assert.deepEqual([desk.hotelId, desk.restaurantId, desk.role], [null, restaurantId, null]);
      const front = await logInStaff(db.database.db, 'facility', { login: `facility-${hotelId}`, password: 'hatago-demo-pass', client: '10.0.9.1' });
      assert.deepEqual([front.hotelId, front.restaurantId], [hotelId, null]);
    });

    it(`refuses more than ${THROTTLE.signUpsPerClient} sign-ups from one address in the window`, async () => {
      const signUp = (i: number, client: string) =>
        signUpMember(
          db.database.db,
          { name: '登録 太郎', nameLatin: 'Taro Toroku', email: `signup${client}-${i}@example.com`, phone: '080-1111-2222', password: 'a long enough secret' },
          origin(client),
        );
      for (let i = 0; i < THROTTLE.signUpsPerClient; i++) await signUp(i, '198.51.100.7');
      await assert.rejects(signUp(99, '198.51.100.7'), (e) => code(e) === 'SIGN_UP_THROTTLED');
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from members where email like ${'signup198.51.100.7-%'}`.execute(db.database.db);
      assert.equal(rows[0]!.n, THROTTLE.signUpsPerClient, 'the refused sign-up wrote nothing');
      await signUp(0, '198.51.100.8');
    });

    it('prunes expired sessions when a new one starts', async () => {
      await sql`insert into sessions (token_hash, subject_kind, subject_id, expires_at)
                values ('expired-token-hash', 'member', 1, now() - interval '1 day')`.execute(db.database.db);
      await createSession(db.database.db, 'member', 1);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from sessions where expires_at <= now()`.execute(db.database.db);
      assert.equal(rows[0]!.n, 0);
    });

    it('resolves a session only for its kind, until it ends', async () => {
      const { token } = await createSession(db.database.db, 'facility', 1);
      assert.equal(await resolveSession(db.database.db, 'facility', token), 1);
      assert.equal(await resolveSession(db.database.db, 'operator', token), undefined);
      assert.equal(await resolveSession(db.database.db, 'facility', `${token}x`), undefined);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from sessions where token_hash = ${token}`.execute(db.database.db);
      assert.equal(rows[0]!.n, 0, 'only a hash of the token is stored');
      await endSession(db.database.db, token);
      assert.equal(await resolveSession(db.database.db, 'facility', token), undefined);
    });
  });
}

for (const target of testDatabaseTargets()) {
  rateLimiterContract(`database on ${target.name}`, async () => {
    const db = await createTestDatabase(target, { seed: false });
    const limiter = new DatabaseRateLimiter(db.database.db);
    return { limiters: [limiter, new DatabaseRateLimiter(db.database.db)], dispose: () => db.dispose() };
  });
}
