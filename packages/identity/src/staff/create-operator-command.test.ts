import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listAudit } from '@hatago/audit';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';
import { logInStaff } from '../index.ts';

const SCRIPT = path.join(import.meta.dirname, 'create-operator-command.ts');
const postgres = testDatabaseTargets().find((target) => target.name === 'postgres');

describe('npm run operator:create', () => {
  let db: TestDatabase;
  const run = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
      env: { ...process.env, DATABASE_URL: db.url!, HATAGO_OPERATOR_PASSWORD: '', ...options.env },
      input: options.input ?? '',
      encoding: 'utf8',
    });

  before(async () => {
    assert.ok(postgres, 'the command runs against PostgreSQL: set TEST_DATABASE_URL');
    db = await createTestDatabase(postgres, { seed: false });
  });
  after(() => db.dispose());

  it('creates the first admin with the password read from stdin, audited as the command', async () => {
    const result = run(['--email', 'Ops@Example.com', '--role', 'admin', '--name', 'Ops Lead'], { input: 'first-admin-password\n' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /created operator ops@example\.com \(admin\)/);
    const admin = await logInStaff(db.database.db, 'operator', { login: 'ops@example.com', password: 'first-admin-password', client: '127.0.0.1' });
    assert.equal(admin.role, 'admin');
    const [entry] = await listAudit(db.database.db, { action: 'operator_account.create', page: 1, pageSize: 1 });
    assert.equal(entry!.actor.name, 'npm run operator:create');
  });

  it('takes the password from HATAGO_OPERATOR_PASSWORD and refuses one on the command line', async () => {
    const fromEnv = run(['--email', 'editor@example.com', '--role', 'editor'], { env: { HATAGO_OPERATOR_PASSWORD: 'editor-password-1' } });
    assert.equal(fromEnv.status, 0, fromEnv.stderr);
    const argv = run(['--email', 'x@example.com', '--role', 'admin', '--password', 'on-the-command-line']);
    assert.equal(argv.status, 64);
    assert.match(argv.stderr, /Unknown option '--password'/);
  });

  it('prints every wrong field and exits non-zero, creating nothing', async () => {
    const result = run(['--email', 'Ops@Example.com', '--role', 'owner'], { input: 'short\n' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /role: Choose one of support, editor, admin/);
    assert.match(result.stderr, /password: Use 10 to 200 characters/);
    const taken = run(['--email', 'ops@example.com', '--role', 'support'], { input: 'another-password\n' });
    assert.equal(taken.status, 1);
    assert.match(taken.stderr, /login: An operator with this login exists already/);
  });
});
