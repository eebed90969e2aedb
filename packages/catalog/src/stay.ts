import { FieldErrors } from '@hatago/platform/errors';
import { addDays, daysBetween, isValidDate, tokyoToday } from '@hatago/platform/time';
import { CatalogErrors } from './catalog-errors.ts';

/** What a guest asks for: the same rules apply to search, hotel pages and booking. */
export interface Stay {
  checkin: string;
  nights: number;
  guests: number;
  rooms: number;
}

export const STAY_LIMITS = { maxNights: 14, maxGuests: 8, maxRooms: 4, bookingHorizonDays: 365 } as const;

export interface StayInput {
  checkin?: unknown;
  nights?: unknown;
  guests?: unknown;
  rooms?: unknown;
}

const toInt = (value: unknown): number | undefined => {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,3}$/.test(value)) return Number(value);
  return undefined;
};

/**
 * Validates a stay against the calendar in Tokyo: check-in from today up to the booking
 * horizon, 1 to 14 nights, 1 to 8 guests in 1 to 4 rooms (never more rooms than guests).
 */
export function parseStay(input: StayInput, today: string = tokyoToday()): Stay {
  const errors = new FieldErrors();
  const checkin = typeof input.checkin === 'string' ? input.checkin : '';
  const nights = toInt(input.nights ?? 1);
  const guests = toInt(input.guests ?? 2);
  const rooms = toInt(input.rooms ?? 1);

  if (!isValidDate(checkin)) errors.add('checkin', 'Enter a check-in date as YYYY-MM-DD');
  else if (checkin < today) errors.add('checkin', 'Check-in cannot be in the past');
  else if (daysBetween(today, checkin) > STAY_LIMITS.bookingHorizonDays)
    errors.add('checkin', `Check-in must be within ${STAY_LIMITS.bookingHorizonDays} days`);
  if (nights === undefined || nights < 1 || nights > STAY_LIMITS.maxNights)
    errors.add('nights', `Nights must be between 1 and ${STAY_LIMITS.maxNights}`);
  if (guests === undefined || guests < 1 || guests > STAY_LIMITS.maxGuests)
    errors.add('guests', `Guests must be between 1 and ${STAY_LIMITS.maxGuests}`);
  if (rooms === undefined || rooms < 1 || rooms > STAY_LIMITS.maxRooms)
    errors.add('rooms', `Rooms must be between 1 and ${STAY_LIMITS.maxRooms}`);
  else if (guests !== undefined && rooms > guests) errors.add('rooms', 'Each room needs at least one guest');
  errors.throwIfAny(CatalogErrors.INVALID_STAY);
  return { checkin, nights: nights!, guests: guests!, rooms: rooms! };
}

export const checkoutOf = (stay: Pick<Stay, 'checkin' | 'nights'>) => addDays(stay.checkin, stay.nights);
export const lastNightOf = (stay: Pick<Stay, 'checkin' | 'nights'>) => addDays(stay.checkin, stay.nights - 1);
