import { type Executor, migrateToLatest } from '@hatago/db';
import { auditMigrations } from '@hatago/audit';
import { bannersMigrations } from '@hatago/banners';
import { flagsMigrations } from '@hatago/flags';
import { bookingMigrations } from '@hatago/booking';
import { diningMigrations } from '@hatago/dining';
import { catalogMigrations } from '@hatago/catalog';
import { identityMigrations } from '@hatago/identity';
import { incidentMigrations } from '@hatago/incidents';
import { mailMigrations } from '@hatago/mail';

/** The whole database: every module's migrations, applied in name order. */
export const hatagoMigrations = [catalogMigrations, identityMigrations, mailMigrations, bookingMigrations, auditMigrations, diningMigrations, bannersMigrations, incidentMigrations, flagsMigrations];

export function migrateHatago(db: Executor): Promise<string[]> {
  return migrateToLatest(db, hatagoMigrations);
}
