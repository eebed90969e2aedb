import type { Database } from '@hatago/db';
import { type TestDatabaseTarget, testDatabaseTargets } from '@hatago/db/testing';
import { seedDemoData, type SeedOptions } from '@hatago/demo-data';
import { migrateHatago } from '@hatago/schema';

export { testDatabaseTargets, type TestDatabaseTarget };

export interface TestDatabase {
  database: Database;
  /** Connection URL when the target is a PostgreSQL server. */
  url?: string;
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database of its own, with a small demo world unless `seed` is false:
 * 2 hotels and 1 restaurant per area and 60 days of inventory keep set-up fast while
 * leaving every flow something to find.
 */
export async function createTestDatabase(
  target: TestDatabaseTarget,
  options: { seed?: false | SeedOptions } = {},
): Promise<TestDatabase> {
  const created = await target.create();
  await migrateHatago(created.database.db);
  if (options.seed !== false) await seedDemoData(created.database.db, { hotelsPerArea: 2, restaurantsPerArea: 1, days: 60, ...(options.seed ?? {}) });
  return created;
}
