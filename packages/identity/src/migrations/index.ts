import type { ModuleMigrations } from '@hatago/db';
import * as identityTables from './2026-11-25.02-identity-tables.ts';

export const identityMigrations: ModuleMigrations = {
  '2026-11-25.02-identity-tables': identityTables,
};
