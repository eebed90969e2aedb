import type { ModuleMigrations } from '@hatago/db';
import * as catalogTables from './2026-11-25.01-catalog-tables.ts';
import * as hotelContactEmail from './2026-11-25.07-hotel-contact-email.ts';

export const catalogMigrations: ModuleMigrations = {
  '2026-11-25.01-catalog-tables': catalogTables,
  '2026-11-25.07-hotel-contact-email': hotelContactEmail,
};
