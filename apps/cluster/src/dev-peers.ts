import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { REPO_ROOT } from './node-command.ts';

const run = promisify(execFile);
const DEV_DATABASE = 'hatago_cluster';

async function script(name: string): Promise<string> {
  const { stdout } = await run('bash', [`scripts/${name}`], { cwd: REPO_ROOT });
  return stdout.trim().split('\n').pop()!;
}

/**
 * For a laptop with nothing running: the same throw-away PostgreSQL and Redis the tests use
 * (loopback only, no durability), and a database of the cluster's own on that server. They
 * outlive the cluster, so data survives its restarts.
 */
export async function startDevPeers(): Promise<{ databaseUrl: string; redisUrl: string }> {
  const [adminUrl, redisUrl] = await Promise.all([script('start-test-postgres.sh'), script('start-test-redis.sh')]);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [DEV_DATABASE]);
    if (!rowCount) await admin.query(`create database ${DEV_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${DEV_DATABASE}`;
  return { databaseUrl: url.toString(), redisUrl };
}
