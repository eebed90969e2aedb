import { type ContactDetails, parseContact } from '@hatago/identity';
import { DomainError, FieldErrors } from '@hatago/platform/errors';
import { checkServiceDate, toParty } from '../availability/dining-query.ts';
import { DiningErrors } from '../dining-errors.ts';
import { HH_MM, MAX_PARTY } from '../restaurants/restaurant.ts';

export interface TableBookingRequest {
  restaurantId?: unknown;
  courseId?: unknown;
  date?: unknown;
  time?: unknown;
  party?: unknown;
  guest?: { name?: unknown; nameLatin?: unknown; email?: unknown; phone?: unknown };
  requests?: unknown;
  /** A payment provider's card token for the no-show guarantee (never a card number). */
  guaranteeToken?: unknown;
}

export interface ValidTableBooking {
  restaurantId: number;
  courseId: number;
  date: string;
  time: string;
  party: number;
  contact: ContactDetails;
  requests: string;
  guaranteeToken?: string;
}

export const REQUESTS_MAX = 500;

const toId = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 2 ** 31 - 1 ? n : undefined;
};

/** Validates the request's shape and reports every bad field at once; the restaurant's rules come after. */
export function parseTableBooking(request: TableBookingRequest, today: string): ValidTableBooking {
  const errors = new FieldErrors();
  const restaurantId = toId(request.restaurantId);
  if (restaurantId === undefined) errors.add('restaurantId', 'Choose a restaurant');
  const courseId = toId(request.courseId);
  if (courseId === undefined) errors.add('courseId', 'Choose a course');
  const date = checkServiceDate(errors, request.date, today);
  const time = typeof request.time === 'string' ? request.time : '';
  if (!HH_MM.test(time)) errors.add('time', 'Choose a seating time as HH:MM');
  const party = toParty(request.party);
  if (party === undefined) errors.add('party', `Party must be between 1 and ${MAX_PARTY}`);
  const requests = request.requests === undefined ? '' : typeof request.requests === 'string' ? request.requests.trim().normalize('NFC') : undefined;
  if (requests === undefined || requests.length > REQUESTS_MAX) errors.add('requests', `Requests are text of at most ${REQUESTS_MAX} characters`);
  const token = request.guaranteeToken === undefined || request.guaranteeToken === '' ? undefined : request.guaranteeToken;
  if (token !== undefined && (typeof token !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(token))) errors.add('guaranteeToken', 'The card token is not one a payment provider issued');
  let contact: ContactDetails | undefined;
  try {
    contact = parseContact(request.guest ?? {}, { requireLatin: false, prefix: 'guest' });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    error.fields.forEach((f) => errors.add(f.field, f.message));
  }
  errors.throwIfAny(DiningErrors.INVALID_TABLE_BOOKING);
  return {
    restaurantId: restaurantId!,
    courseId: courseId!,
    date,
    time,
    party: party!,
    contact: contact!,
    requests: requests!,
    ...(token !== undefined && { guaranteeToken: token as string }),
  };
}
