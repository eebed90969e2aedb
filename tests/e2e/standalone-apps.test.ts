import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';

const APPS = ['guest', 'facility', 'operator'] as const;
const SECRET = 'x'.repeat(40);

interface Running {
  child: ChildProcess;
  url: string;
  lines: Array<Record<string, unknown>>;
}

/** Starts an app's main.ts and resolves with its address once it logs that it listens. */
function startApp(app: string, env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', `apps/${app}/src/main.ts`], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${app} exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(entry.msg));
      if (match) resolve({ child, url: match[1]!, lines });
    });
  });
}

describe('each app runs alone against PostgreSQL', () => {
  let db: TestDatabase;
  before(async () => {
    const postgres = testDatabaseTargets().find((t) => t.name === 'postgres');
    assert.ok(postgres, 'TEST_DATABASE_URL must name a PostgreSQL server (npm test starts one)');
    db = await createTestDatabase(postgres, { seed: { hotelsPerArea: 1, days: 30 } });
  });
  after(() => db.dispose());

  it('starts, reports ready, logs the request id, and drains on SIGTERM', async () => {
    const running = await Promise.all(APPS.map((app) => startApp(app, { DATABASE_URL: db.url!, SIGNING_SECRET: SECRET })));
    for (const [i, { child, url, lines }] of running.entries()) {
      const ready = await fetch(`${url}/readyz`);
      assert.equal(ready.status, 200, APPS[i]);
      const page = await fetch(`${url}/${APPS[i] === 'guest' ? 'api/v1/areas' : `${APPS[i]}/login`}`, {
        headers: { 'x-request-id': `standalone-${APPS[i]}` },
      });
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('x-request-id'), `standalone-${APPS[i]}`);

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0, `${APPS[i]} exits cleanly on SIGTERM`);
      assert.ok(lines.some((l) => l.reqId === `standalone-${APPS[i]}`), 'request logged with its id');
      assert.ok(lines.some((l) => l.msg === 'stopped'));
    }
  });

  it('refuses to start on a wrong setting with one line naming the variable', async () => {
    const cases = [
      [{ DATABASE_URL: db.url!, SIGNING_SECRET: SECRET, PORT: 'eighty' }, 'PORT'],
      [{ DATABASE_URL: db.url!, SIGNING_SECRET: 'short' }, 'SIGNING_SECRET'],
      [{ DATABASE_URL: 'mysql://nope', SIGNING_SECRET: SECRET }, 'DATABASE_URL'],
    ] as const;
    await Promise.all(
      cases.map(async ([env, variable]) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'apps/guest/src/main.ts'], {
          env: { ...process.env, PORT: '0', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr!.on('data', (chunk) => (stderr += chunk));
        const [code] = await once(child, 'exit');
        assert.equal(code, 78, variable);
        assert.equal(stderr.trim().split('\n').length, 1, stderr);
        assert.match(stderr, new RegExp(`\\b${variable}\\b`));
      }),
    );
  });
});
