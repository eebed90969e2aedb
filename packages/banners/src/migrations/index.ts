import type { ModuleMigrations } from '@hatago/db';
import * as bannerVersions from './2026-12-08.02-banner-versions.ts';

export const bannersMigrations: ModuleMigrations = {
  '2026-12-08.02-banner-versions': bannerVersions,
};
