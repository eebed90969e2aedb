import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs `fn` against a fresh database on the server at `adminUrl`, dropped afterwards. */
export async function withScratchDatabase<T>(adminUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `hatago_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await dropWhenClosed(admin, name);
    await admin.end();
  }
}

/**
 * A closed pg pool has sent its goodbyes, but the server may not have ended those sessions
 * yet; dropping WITH (FORCE) then would kill them and the closing clients would raise an
 * unhandled error. So drop plainly while sessions are still going away (55006).
 */
async function dropWhenClosed(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await admin.query(`drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await admin.query(`drop database if exists ${name} with (force)`);
}
