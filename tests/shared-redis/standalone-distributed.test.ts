import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { testKeyPrefix, testRedisUrl } from '@hatago/cache/testing';
import { REPO_ROOT, startAppProcess } from '@hatago/cluster';
import { DEMO_PASSWORD } from '@hatago/demo-data';
import { readBody, UrlSignature } from '@hatago/storage';
import { S3Storage } from '@hatago/storage/s3';
import { startTestS3, type TestS3 } from '@hatago/storage/testing';
import { createTestDatabase, futureDate, METRICS_AUTH, type TestDatabase, TEST_METRICS_TOKEN, testDatabaseTargets } from '@hatago/test-support';

const SECRET = 'distributed-test-secret-0123456789abcdef';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Starts an app's main.ts as its own process, as the cluster does; resolves once its /readyz answers 200. */
async function startApp(app: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const { child, url } = await startAppProcess(app, REPO_ROOT, { LOG_LEVEL: 'info', ...env });
  return { child, url };
}

/** Runs an app's main.ts expecting it to refuse its configuration: exit code and stderr. */
async function refusal(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/guest/src/main.ts'], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stderr: stderr.trim() };
}

describe('guest and facility processes on PostgreSQL, Redis and S3', { timeout: 180_000 }, () => {
  let db: TestDatabase;
  let s3: TestS3;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  before(async () => {
    const postgres = testDatabaseTargets().find((t) => t.name === 'postgres');
    assert.ok(postgres, 'TEST_DATABASE_URL must name a PostgreSQL server (npm test starts one)');
    [db, s3] = await Promise.all([createTestDatabase(postgres, { seed: { hotelsPerArea: 1, days: 30 } }), startTestS3()]);
    env = {
      DATABASE_URL: db.url!,
      SIGNING_SECRET: SECRET,
      METRICS_TOKEN: TEST_METRICS_TOKEN,
      REDIS_URL: await testRedisUrl(),
      REDIS_KEY_PREFIX: testKeyPrefix(),
      S3_ENDPOINT: s3.location.endpoint,
      S3_BUCKET: s3.location.bucket,
      S3_REGION: s3.location.region,
      S3_ACCESS_KEY_ID: s3.location.credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.location.credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    };
  });
  after(async () => {
    for (const child of children) {
      if (child.exitCode !== null) continue;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await s3.stop();
    await db.dispose();
  });

  it('refuses a wrong Redis or S3 setting with one line naming the variable', async () => {
    const base = { DATABASE_URL: db.url!, SIGNING_SECRET: SECRET };
    const cases: Array<[Record<string, string>, string]> = [
      [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
      [{ S3_ENDPOINT: 'http://127.0.0.1:9000' }, 'S3_BUCKET'],
      [{ S3_BUCKET: 'exports', S3_ACCESS_KEY_ID: 'key' }, 'S3_SECRET_ACCESS_KEY'],
    ];
    const results = await Promise.all(cases.map(([extra]) => refusal({ ...base, ...extra })));
    results.forEach(({ code, stderr }, i) => {
      const variable = cases[i]![1];
      assert.equal(code, 78, variable);
      assert.equal(stderr.split('\n').length, 1, stderr);
      assert.match(stderr, new RegExp(`\\b${variable}\\b`));
    });
  });

  it("shows a facility process's price change on the guest process, and exports CSV files to S3", async () => {
    const [guest, facility] = await Promise.all([startApp('guest', env), startApp('facility', env)]);
    children.push(guest.child, facility.child);
    for (const { url } of [guest, facility]) assert.equal((await fetch(`${url}/readyz`)).status, 200);

    const { rows } = await sql<{ hotel_id: number; plan_id: number }>`
      select rt.hotel_id, rp.id as plan_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id
      where rp.active order by rt.hotel_id, rp.id limit 1`.execute(db.database.db);
    const { hotel_id: hotelId, plan_id: planId } = rows[0]!;
    const checkin = futureDate(4);
    const priceOnGuest = async (): Promise<number> => {
      const offer = (await (await fetch(`${guest.url}/api/v1/hotels/${hotelId}?checkin=${checkin}&nights=1&guests=2&rooms=1`)).json()) as {
        roomTypes: Array<{ plans: Array<{ id: number; totalPrice: number }> }>;
      };
      return offer.roomTypes.flatMap((rt) => rt.plans).find((p) => p.id === planId)!.totalPrice;
    };
    const before = await priceOnGuest();
    assert.equal(await priceOnGuest(), before);
    assert.match(await (await fetch(`${guest.url}/metrics`, { headers: METRICS_AUTH })).text(), /cache_reads_total\{backend="redis",outcome="hit"\} [1-9]/);

    const login = await fetch(`${facility.url}/facility/login`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ login: `facility-${hotelId}`, password: DEMO_PASSWORD, next: '/facility/' }),
      redirect: 'manual',
    });
    assert.equal(login.status, 303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const changed = await fetch(`${facility.url}/facility/inventory/bulk`, {
      method: 'POST',
      headers: { ...FORM, cookie, origin: facility.url },
      body: new URLSearchParams({ from: checkin, to: checkin, [`price_${planId}`]: String(before + 1234) }),
      redirect: 'manual',
    });
    assert.equal(changed.status, 303);
    // The change reached Redis before the facility answered; the guest process forgets its
    // copy of the version when the pub/sub message arrives, which no outside observer can
    // await, so this polls (a bounded number of times).
    let seen = before;
    for (let i = 0; i < 100 && seen === before; i++) {
      seen = await priceOnGuest();
      if (seen === before) await delay(20);
    }
    assert.equal(seen, before + 1234);

    const exported = await fetch(`${facility.url}/facility/reservations/export`, { method: 'POST', headers: { ...FORM, cookie, origin: facility.url }, body: '', redirect: 'manual' });
    assert.equal(exported.status, 303);
    const link = exported.headers.get('location')!;
    const download = await fetch(`${facility.url}${link}`);
    assert.equal(download.status, 200);
    assert.match(String(download.headers.get('content-type')), /^text\/csv/);
    const csv = Buffer.from(await download.arrayBuffer());
    const key = decodeURIComponent(new URL(link, 'http://x').pathname.slice('/facility/files/'.length));
    const inBucket = await new S3Storage({ ...s3.location, signature: new UrlSignature(SECRET), urlPrefix: '/facility/files/' }).get(key);
    assert.ok(inBucket, 'the export lives in the S3 bucket');
    assert.deepEqual(await readBody(inBucket), csv);
  });
});
