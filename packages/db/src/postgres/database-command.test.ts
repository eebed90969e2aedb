import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const run = (script: string, env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('database commands', () => {
  for (const [script, env, variable] of [
    ['packages/schema/src/migrate-command.ts', { DATABASE_URL: 'mysql://db.internal/hatago' }, 'DATABASE_URL'],
    ['packages/mail/src/retention/purge-command.ts', { DATABASE_URL: 'postgres://db.internal/hatago', MAIL_PURGE_BATCH_SIZE: '0' }, 'MAIL_PURGE_BATCH_SIZE'],
  ] as const) {
    it(`${script} stops with EX_CONFIG and one line naming ${variable}, before connecting`, () => {
      const result = run(script, env);
      assert.equal(result.status, 78);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, new RegExp(`^(migrate|mail:purge): invalid configuration: ${variable} `));
    });
  }
});
