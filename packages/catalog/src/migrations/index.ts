import type { ModuleMigrations } from '@hatago/db';
import * as catalogTables from './2026-11-25.01-catalog-tables.ts';
import * as hotelContactEmail from './2026-11-25.07-hotel-contact-email.ts';
import * as hotelPhotos from './2026-12-07.03-hotel-photos.ts';
import * as hotelServiceCharge from './2026-12-10.01-hotel-service-charge.ts';
import * as ratePlanNoShowFee from './2026-12-11.01-rate-plan-no-show-fee.ts';
import * as hotelAmenitiesAndPolicies from './2026-12-11.03-hotel-amenities-and-policies.ts';
import * as stayRestrictions from './2026-12-12.01-stay-restrictions.ts';
import * as ratePlanGuarantee from './2026-12-12.03-rate-plan-guarantee.ts';
import * as roomTypeDetails from './2026-12-12.05-room-type-details.ts';
import * as planOccupancyPrices from './2026-12-20.11-plan-occupancy-prices.ts';

export const catalogMigrations: ModuleMigrations = {
  '2026-11-25.01-catalog-tables': catalogTables,
  '2026-11-25.07-hotel-contact-email': hotelContactEmail,
  '2026-12-07.03-hotel-photos': hotelPhotos,
  '2026-12-10.01-hotel-service-charge': hotelServiceCharge,
  '2026-12-11.01-rate-plan-no-show-fee': ratePlanNoShowFee,
  '2026-12-11.03-hotel-amenities-and-policies': hotelAmenitiesAndPolicies,
  '2026-12-12.01-stay-restrictions': stayRestrictions,
  '2026-12-12.03-rate-plan-guarantee': ratePlanGuarantee,
  '2026-12-12.05-room-type-details': roomTypeDetails,
  '2026-12-20.11-plan-occupancy-prices': planOccupancyPrices,
};
