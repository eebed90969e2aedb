import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { openDatabase } from '@hatago/db';
import { seedDemoData } from '@hatago/demo-data';
import type { Logger } from '@hatago/platform/logging';
import { forwardLines } from './instance-log.ts';
import { nodeArgsFor, REPO_ROOT } from './node-command.ts';

/**
 * The migrate command (`npm run migrate`, or its build), once, before any instance starts:
 * instances never migrate themselves, so a schema change is applied by one process and
 * never raced by several.
 */
export async function migrateOnce(databaseUrl: string): Promise<void> {
  const child = spawn(process.execPath, nodeArgsFor('packages/schema/src/migrate-command.ts'), {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    // stdin is the lifeline the exit-with-parent preload watches: it stays open while we live
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  forwardLines(child.stdout!, process.stdout, 'migrate');
  forwardLines(child.stderr!, process.stderr, 'migrate');
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`the migrate command exited with ${code}`);
}

/** The demo world, only into a database without a catalogue. */
export async function seedIfEmpty(databaseUrl: string, logger: Logger): Promise<void> {
  const database = openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 1, statementTimeoutMs: 600_000, applicationName: 'hatago-cluster-seed' });
  try {
    const seeded = await seedDemoData(database.db, {
      onProgress: (done, total) => {
        if (done % 10 === 0 || done === total) logger.info(`seeding demo data: ${done}/${total} hotels and restaurants`);
      },
    });
    logger.info(seeded ? 'demo data seeded' : 'database already has a catalogue; not seeded');
  } finally {
    await database.close();
  }
}
