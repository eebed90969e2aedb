import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Executor } from './database.ts';
import { DbErrors } from './db-errors.ts';

/**
 * Each domain module ships its own migrations. Names start with a date and sequence
 * (`2026-11-25.01-catalog-...`) because Kysely applies them in name order across all
 * modules, and a module's tables may reference another's.
 */
export type ModuleMigrations = Record<string, Migration>;

export class MigrationFailedError extends Error {
  readonly code = DbErrors.HATAGO_MIGRATION_FAILED;
}

export async function migrateToLatest(db: Executor, modules: ModuleMigrations[]): Promise<string[]> {
  const all: ModuleMigrations = {};
  for (const migrations of modules) {
    for (const [name, migration] of Object.entries(migrations)) {
      if (all[name]) throw new MigrationFailedError(`migration name used twice: ${name}`);
      all[name] = migration;
    }
  }
  const provider: MigrationProvider = { getMigrations: async () => all };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailedError(`migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
