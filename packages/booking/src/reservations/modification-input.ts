import { parseStay, type Stay } from '@hatago/catalog';
import { DomainError, FieldErrors } from '@hatago/platform/errors';
import { BookingErrors } from '../booking-errors.ts';
import type { Reservation } from './reservation.ts';

/** What staff may change: any field left out keeps its current value. */
export interface ReservationChange {
  planId?: unknown;
  checkin?: unknown;
  nights?: unknown;
  guests?: unknown;
  rooms?: unknown;
  /** The reservation's version the form was shown; required, so a stale or repeated form is recognised. */
  version?: unknown;
  /** The new total the staff saw in the preview; when prices moved since, nothing changes (PRICE_CHANGED). */
  expectedTotal?: unknown;
}

export interface ValidChange {
  planId: number;
  stay: Stay;
  version: number;
  expectedTotal?: number;
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';
const integerOf = (value: unknown) => (typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : NaN);

/** Validates a change against the reservation it changes, reporting every bad field at once. */
export function parseReservationChange(change: ReservationChange, current: Reservation, today?: string): ValidChange {
  const errors = new FieldErrors();
  const planId = given(change.planId) ? integerOf(change.planId) : current.planId;
  if (!Number.isInteger(planId) || planId < 1 || planId > 2 ** 31 - 1) errors.add('planId', 'Choose a plan');
  const version = integerOf(change.version);
  if (!Number.isInteger(version) || version < 1) errors.add('version', 'Reload the reservation and make the change again');
  const expectedTotal = given(change.expectedTotal) ? integerOf(change.expectedTotal) : undefined;
  if (expectedTotal !== undefined && !Number.isInteger(expectedTotal)) errors.add('expectedTotal', 'Preview the change again');
  let stay: Stay | undefined;
  try {
    stay = parseStay(
      {
        checkin: given(change.checkin) ? change.checkin : current.checkin,
        nights: given(change.nights) ? change.nights : current.nights,
        guests: given(change.guests) ? change.guests : current.guests,
        rooms: given(change.rooms) ? change.rooms : current.rooms,
      },
      today,
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    error.fields.forEach((f) => errors.add(f.field, f.message));
  }
  errors.throwIfAny(BookingErrors.INVALID_MODIFICATION);
  return { planId, stay: stay!, version, ...(expectedTotal === undefined ? {} : { expectedTotal }) };
}

/** Whether the reservation already is what the change asks for (a repeated form, or nothing changed). */
export const alreadyAsAsked = (r: Pick<Reservation, 'planId' | 'checkin' | 'nights' | 'guests' | 'rooms'>, { planId, stay }: ValidChange): boolean =>
  r.planId === planId && r.checkin === stay.checkin && r.nights === stay.nights && r.guests === stay.guests && r.rooms === stay.rooms;
