import type { ModuleMigrations } from '@hatago/db';
import * as bookingTables from './2026-11-25.04-booking-tables.ts';

export const bookingMigrations: ModuleMigrations = {
  '2026-11-25.04-booking-tables': bookingTables,
};
