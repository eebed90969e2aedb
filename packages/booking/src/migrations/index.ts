import type { ModuleMigrations } from '@hatago/db';
import * as bookingTables from './2026-11-25.04-booking-tables.ts';
import * as normaliseGuestNames from './2026-12-07.02-normalise-guest-names.ts';
import * as activityIndexes from './2026-12-09.03-reservation-activity-indexes.ts';
import * as reservationAccommodationTax from './2026-12-10.02-reservation-accommodation-tax.ts';
import * as frontDeskStatuses from './2026-12-11.02-front-desk-statuses.ts';
import * as stayDetailsAndGuarantees from './2026-12-12.02-stay-details-and-guarantees.ts';
import * as stayGuaranteeSettlement from './2026-12-21.07-stay-guarantee-settlement.ts';

export const bookingMigrations: ModuleMigrations = {
  '2026-11-25.04-booking-tables': bookingTables,
  '2026-12-07.02-normalise-guest-names': normaliseGuestNames,
  '2026-12-09.03-reservation-activity-indexes': activityIndexes,
  '2026-12-10.02-reservation-accommodation-tax': reservationAccommodationTax,
  '2026-12-11.02-front-desk-statuses': frontDeskStatuses,
  '2026-12-12.02-stay-details-and-guarantees': stayDetailsAndGuarantees,
  '2026-12-21.07-stay-guarantee-settlement': stayGuaranteeSettlement,
};
