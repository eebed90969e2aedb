import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type AppProcess, startAppProcess } from '@hatago/cluster';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { bookablePlans, cookieNamed, DEMO_MEMBER, GuestClient } from './support/guest-client.ts';

/**
 * A guest instance holds nothing a replacement needs: killed without warning (SIGKILL, no
 * drain) and replaced by a new process in a new, empty working directory on another port,
 * every reservation, session and signed cookie the first one handed out still works.
 */
describe('a guest instance holds no state', () => {
  let db: TestDatabase;
  const dirs: string[] = [];
  const running: AppProcess[] = [];
  let env: Record<string, string>;

  before(async () => {
    const postgres = testDatabaseTargets().find((t) => t.name === 'postgres');
    assert.ok(postgres, 'TEST_DATABASE_URL must name a PostgreSQL server (npm test starts one)');
    db = await createTestDatabase(postgres, { seed: { hotelsPerArea: 1, days: 30 } });
    env = {
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url!,
      SIGNING_SECRET: randomBytes(32).toString('hex'),
      ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    };
    for (let i = 0; i < 2; i++) dirs.push(await mkdtemp(path.join(os.tmpdir(), 'hatago-stateless-')));
  });
  after(async () => {
    await Promise.all(running.map((p) => p.kill('SIGTERM')));
    await db?.dispose();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('a replacement in a fresh working directory serves every booking, session and cookie of the killed one', async () => {
    const first = await startAppProcess('guest', dirs[0]!, env);
    running.push(first);
    const guest = new GuestClient(first.url);
    const checkin = futureDate(10);
    const [plan] = await bookablePlans(guest, checkin);
    assert.ok(plan, 'the seeded world has a bookable plan');

    const key = `stateless-${randomBytes(6).toString('hex')}`;
    const booked = await guest.bookViaApi(plan, { checkin, nights: 2 }, 'stateless@example.com', key);
    assert.equal(booked.status, 201, booked.body);
    const { code } = JSON.parse(booked.body) as { code: string };

    assert.equal(await guest.logIn(DEMO_MEMBER.email, DEMO_MEMBER.password), 303);
    assert.equal((await guest.memberPage()).status, 200);
    // a member booking through the pages: the confirmation needs a cookie signed with SIGNING_SECRET
    const form = await guest.call('POST', '/book', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: guest.memberCookie! },
      body: new URLSearchParams({
        planId: String(plan.planId),
        checkin,
        nights: '1',
        guests: '1',
        rooms: '1',
        acceptTerms: 'yes',
        name: '会員 花子',
        nameLatin: 'Hanako Kaiin',
        email: DEMO_MEMBER.email,
        phone: '090-1111-2222',
        idempotencyKey: `stateless-form-${randomBytes(6).toString('hex')}`,
      }).toString(),
    });
    assert.equal(form.status, 303, form.body);
    const memberCode = /\/reservations\/([^/]+)\/confirmation/.exec(String(form.headers.location))![1]!;
    const bookedCookie = cookieNamed(form, 'hatago_booked');
    assert.ok(bookedCookie);

    await first.kill('SIGKILL');
    assert.deepEqual(await readdir(dirs[0]!), [], 'the instance wrote nothing into its working directory');

    const second = await startAppProcess('guest', dirs[1]!, env);
    running.push(second);
    assert.notEqual(second.url, first.url);
    const replacement = new GuestClient(second.url);
    replacement.memberCookie = guest.memberCookie;

    const replayed = await replacement.bookViaApi(plan, { checkin, nights: 2 }, 'stateless@example.com', key);
    assert.equal(replayed.status, 201);
    assert.equal(replayed.headers['idempotent-replayed'], 'true');
    assert.equal((JSON.parse(replayed.body) as { code: string }).code, code, 'the retried request gets the first reservation');

    const lookedUp = await replacement.get(`/api/v1/reservations/${code}?email=stateless@example.com`);
    assert.equal(lookedUp.status, 200);
    assert.equal((JSON.parse(lookedUp.body) as { status: string }).status, 'confirmed');

    const account = await replacement.memberPage();
    assert.equal(account.status, 200, 'the session survives its instance');
    assert.ok(account.body.includes(memberCode), 'the member sees the booking made on the killed instance');

    const confirmation = await replacement.get(`/reservations/${memberCode}/confirmation`, { cookie: bookedCookie });
    assert.equal(confirmation.status, 200, 'a cookie signed by the killed instance is accepted');
    assert.ok(confirmation.body.includes(memberCode));

    const { rows } = await sql<{ n: number }>`select count(*)::int as n from reservations where code in (${code}, ${memberCode})`.execute(db.database.db);
    assert.equal(rows[0]!.n, 2, 'each booking exists exactly once');
  });
});
