import type { ModuleMigrations } from '@hatago/db';
import * as featureFlags from './2026-12-09.01-feature-flags.ts';

export const flagsMigrations: ModuleMigrations = {
  '2026-12-09.01-feature-flags': featureFlags,
};
