import type { Template } from '@hatago/mail';
import { facilityInventoryChanged } from './facility-inventory-changed.ts';

/** Every notice the catalogue sends, for the template registry of the processes that deliver them. */
export const catalogNotices: readonly Template[] = [facilityInventoryChanged];
