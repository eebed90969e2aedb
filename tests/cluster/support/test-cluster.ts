import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type ClusterProcess, startCluster } from '@hatago/cluster';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from '@hatago/test-support';

export interface TestCluster {
  db: TestDatabase;
  cluster: ClusterProcess;
  /** Stops the cluster, drops its database and state; fails when the cluster did not stop cleanly. */
  stop(): Promise<void>;
}

/**
 * `npm run start:cluster` on a fresh seeded PostgreSQL database and the test Redis, as the
 * whole-machine tests use it: `instances` of every app behind the edge, on free ports.
 * `prepare` runs on the database before any instance starts.
 */
export async function startTestCluster(instances: number, prepare?: (db: TestDatabase) => Promise<void>): Promise<TestCluster> {
  const postgres = testDatabaseTargets().find((t) => t.name === 'postgres');
  assert.ok(postgres, 'TEST_DATABASE_URL must name a PostgreSQL server (npm test starts one)');
  assert.ok(process.env.TEST_REDIS_URL, 'TEST_REDIS_URL must name a Redis server (npm test starts one)');
  const db = await createTestDatabase(postgres);
  await prepare?.(db);
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'hatago-cluster-'));
  const cluster = await startCluster(['--instances', String(instances), '--base-port', '0', '--port', '0', '--state-dir', stateDir], {
    DATABASE_URL: db.url!,
    REDIS_URL: process.env.TEST_REDIS_URL,
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: '5',
  });
  return {
    db,
    cluster,
    async stop() {
      const exitCode = await cluster.stop();
      await db.dispose();
      await rm(stateDir, { recursive: true, force: true });
      assert.equal(exitCode, 0, 'the cluster stops cleanly');
    },
  };
}
