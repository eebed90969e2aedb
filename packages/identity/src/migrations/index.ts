import type { ModuleMigrations } from '@hatago/db';
import * as identityTables from './2026-11-25.02-identity-tables.ts';
import * as passwordResets from './2026-11-25.07-password-resets.ts';
import * as memberEmailVerification from './2026-12-07.01-member-email-verification.ts';
import * as restaurantStaff from './2026-12-07.05-restaurant-staff.ts';
import * as operatorRolesAndApiTokens from './2026-12-08.01-operator-roles-and-api-tokens.ts';
import * as memberProfileAndSavedGuests from './2026-12-11.01-member-profile-and-saved-guests.ts';
import * as memberEmailChanges from './2026-12-23.07-member-email-changes.ts';

export const identityMigrations: ModuleMigrations = {
  '2026-11-25.02-identity-tables': identityTables,
  '2026-11-25.07-password-resets': passwordResets,
  '2026-12-07.01-member-email-verification': memberEmailVerification,
  '2026-12-07.05-restaurant-staff': restaurantStaff,
  '2026-12-08.01-operator-roles-and-api-tokens': operatorRolesAndApiTokens,
  '2026-12-11.01-member-profile-and-saved-guests': memberProfileAndSavedGuests,
  '2026-12-23.07-member-email-changes': memberEmailChanges,
};
