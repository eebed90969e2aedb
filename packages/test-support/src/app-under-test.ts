import { rm } from 'node:fs/promises';
import { after, before } from 'node:test';
import type { Database } from '@hatago/db';
import { testAppDeps } from './test-apps.ts';
import { createTestDatabase, type TestDatabase, testDatabaseTargets } from './test-database.ts';

export interface AppUnderTest<App> {
  /** Set by the suite's `before` hook; read inside tests only. */
  readonly app: App;
  readonly db: TestDatabase;
  /** What the app was built from (its cache, to announce changes made behind its back). */
  readonly deps: ReturnType<typeof testAppDeps>;
}

/**
 * Registers the hooks that build an app on a fresh seeded PGlite database for a suite and
 * tear both down after it, so HTTP tests state only what they test.
 */
export function appUnderTest<App extends { close(): Promise<unknown> }>(
  build: (deps: { database: Database } & ReturnType<typeof testAppDeps>) => Promise<App>,
): AppUnderTest<App> {
  const state = {} as { app: App; db: TestDatabase; deps: ReturnType<typeof testAppDeps> };
  before(async () => {
    state.db = await createTestDatabase(testDatabaseTargets()[0]!);
    state.deps = testAppDeps(state.db.database);
    state.app = await build(state.deps);
  });
  after(async () => {
    await state.app?.close();
    await state.db?.dispose();
    if (state.deps) await rm(state.deps.storageRoot, { recursive: true, force: true });
  });
  return state;
}
