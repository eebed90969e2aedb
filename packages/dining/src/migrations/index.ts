import type { ModuleMigrations } from '@hatago/db';
import * as diningTables from './2026-12-07.01-dining-tables.ts';
import * as tableReservationDeclined from './2026-12-07.06-table-reservation-declined.ts';
import * as tableGuarantees from './2026-12-07.10-table-guarantees.ts';
import * as restaurantPhotos from './2026-12-07.12-restaurant-photos.ts';

export const diningMigrations: ModuleMigrations = {
  '2026-12-07.01-dining-tables': diningTables,
  '2026-12-07.06-table-reservation-declined': tableReservationDeclined,
  '2026-12-07.10-table-guarantees': tableGuarantees,
  '2026-12-07.12-restaurant-photos': restaurantPhotos,
};
