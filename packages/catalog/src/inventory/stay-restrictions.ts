import { sql } from 'kysely';
import { conflict } from '@hatago/platform/errors';
import { CatalogErrors } from '../catalog-errors.ts';
import { checkoutOf, type Stay } from '../stay.ts';

/** A room type's restrictions as they bear on one stay: read on its arrival and departure dates. */
export interface StayRestrictions {
  /** The arrival date's minimum stay; null when that night has no inventory row (then nothing sells anyway). */
  minStay: number | null;
  closedToArrival: boolean;
  closedToDeparture: boolean;
}

/** Refuses a stay that breaks a restriction, naming it in the error's code. */
export function checkRestrictions(restrictions: StayRestrictions, stay: Pick<Stay, 'nights'>): void {
  if (restrictions.minStay !== null && stay.nights < restrictions.minStay) {
    throw conflict(CatalogErrors.MIN_STAY, 'This stay is shorter than the minimum stay for this arrival date');
  }
  if (restrictions.closedToArrival) throw conflict(CatalogErrors.CLOSED_TO_ARRIVAL, 'This room takes no arrivals on the check-in date');
  if (restrictions.closedToDeparture) throw conflict(CatalogErrors.CLOSED_TO_DEPARTURE, 'This room takes no departures on the check-out date');
}

/**
 * As an aggregate over a room type's `room_inventory ri` rows from check-in to check-out
 * (inclusive): true when the stay breaks a restriction. Search and the hotel page judge
 * with this what checkRestrictions refuses at booking.
 */
export const restrictionBroken = (stay: Pick<Stay, 'checkin' | 'nights'>) => sql<boolean>`coalesce(bool_or(
  (ri.stay_date = ${stay.checkin}::date and (ri.closed_to_arrival or ri.min_stay > ${stay.nights}::int))
  or (ri.stay_date = ${checkoutOf(stay)}::date and ri.closed_to_departure)), false)`;
