import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { memberWelcome } from '@hatago/identity';
import { enqueueMail } from '@hatago/mail';
import { FakeHttpEndpoint, waitUntil } from '@hatago/mail/testing';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function startMailer(env: Record<string, string>): ChildProcess & { output: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', MAIL_POLL_INTERVAL_MS: '50', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
  return Object.assign(child, { output });
}

// starting a process through tsx takes seconds, and far longer on a loaded CI machine
const STARTUP_LIMIT_MS = 180_000;

const idOf = (body: string) => (JSON.parse(body) as { custom_args: { hatago_message_id: string } }).custom_args.hatago_message_id;

// Worker processes need PostgreSQL: PGlite lives inside one process and cannot be shared.
const postgres = testDatabaseTargets().find((t) => t.name === 'postgres');
if (postgres) {
  describe('mailer processes on PostgreSQL', () => {
    let db: TestDatabase;
    let sendgrid: FakeHttpEndpoint;
    const children: ChildProcess[] = [];
    let holding = true;
    /** Message ids SendGrid's stand-in accepted (202): what a guest would receive. */
    const accepted: string[] = [];

    before(async () => {
      db = await createTestDatabase(postgres, { seed: false });
      sendgrid = await FakeHttpEndpoint.start((request) => {
        if (holding) return 'hold';
        accepted.push(idOf(request.body));
        return { status: 202, headers: { 'x-message-id': `sg-${idOf(request.body)}` } };
      });
    });
    after(async () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await sendgrid.close();
      await db.dispose();
    });

    test('a worker process killed with SIGKILL mid-batch: a second one takes over its expired leases and every message is delivered exactly once', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 20; i++) {
        const queued = await enqueueMail(db.database.db, memberWelcome, { to: `guest${i}@example.com`, locale: 'ja', params: { name: `客${i}` }, category: 'member', idempotencyKey: `kill-${i}` });
        ids.push(queued.id);
      }
      const common = { DATABASE_URL: db.url!, MAIL_PROVIDER: 'sendgrid', SENDGRID_API_KEY: 'SG.test', SENDGRID_BASE_URL: sendgrid.url, MAIL_WORKERS: '2', MAIL_BATCH_SIZE: '5' };
      // a short lease so the takeover comes soon; the send timeout is below it, as the mailer
      // requires, and long enough that the held sends are still in flight when the kill comes
      const first = startMailer({ ...common, MAIL_LEASE_SECONDS: '10', MAIL_SEND_TIMEOUT_MS: '8000' });
      children.push(first);
      const heldBy = (pid: number) =>
        sql<{ n: number }>`select count(*)::int as n from mail_messages where status = 'sending' and leased_by like ${`%:${pid}:%`}`.execute(db.database.db).then((r) => r.rows[0]!.n);
      await waitUntil(() => `the first mailer holds 2 sends of 10 claimed messages (output: ${first.output.join('')})`, async () => sendgrid.held.length === 2 && (await heldBy(first.pid!)) === 10, STARTUP_LIMIT_MS);

      first.kill('SIGKILL');
      await once(first, 'exit');
      for (const { response } of sendgrid.held) response.destroy();
      assert.equal(accepted.length, 0, 'nothing was accepted before the kill');
      assert.equal(await heldBy(first.pid!), 10, 'the dead worker recorded nothing');

      holding = false;
      const second = startMailer({ ...common, MAIL_LEASE_SECONDS: '30' });
      children.push(second);
      await waitUntil(() => `all 20 are sent (output: ${second.output.join('')})`, async () =>
        (await sql<{ n: number }>`select count(*)::int as n from mail_messages where status = 'sent'`.execute(db.database.db)).rows[0]!.n === 20,
        STARTUP_LIMIT_MS,
      );

      assert.deepEqual([...accepted].sort(), ids.map(String).sort(), 'each message accepted by the provider exactly once');
      const rows = await db.database.db.selectFrom('mail_messages').select(['id', 'attempts', 'provider_message_id']).orderBy('id').execute();
      assert.deepEqual(
        rows.map((r) => r.attempts).sort(),
        [...Array(10).fill(1), ...Array(10).fill(2)],
        'the ten claimed by the killed worker were attempted twice, the rest once',
      );
      assert.ok(rows.every((r) => r.provider_message_id === `sg-${r.id}`));
      const retries = await db.database.db.selectFrom('mail_events').select('id').where('type', '=', 'retry_scheduled').execute();
      assert.equal(retries.length, 0, 'no send timed out: the kill came mid-batch');

      second.kill('SIGTERM');
      const [code] = await once(second, 'exit');
      assert.equal(code, 0, `the second mailer drains and exits cleanly (output: ${second.output.join('')})`);
    });
  });
}
