import type { FieldErrors } from '@hatago/platform/errors';

/** What a guest tells the hotel besides who they are: the party's make-up, arrival, requests, consent, card. */
export interface StayDetailsInput {
  /** The API's older name for adults, kept for clients written before children were asked. */
  guests?: unknown;
  adults?: unknown;
  children?: unknown;
  arrivalTime?: unknown;
  requests?: unknown;
  acceptTerms?: unknown;
  /** A payment provider's card token for the plan's guarantee (never a card number). */
  guaranteeToken?: unknown;
}

export interface StayDetails {
  adults: number;
  children: number;
  arrivalTime: string | null;
  requests: string | null;
  guaranteeToken?: string;
}

export const REQUESTS_MAX_LENGTH = 500;
/** The latest arrival a guest may announce, 23:30: the front desk's night staff take it from there. */
const LATEST_ARRIVAL_MINUTES = 23 * 60 + 30;

const count = (value: unknown): number | undefined => {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,2}$/.test(value)) return Number(value);
  return undefined;
};

/**
 * The half-hours from the hotel's check-in time until late night, Japan time: the arrival
 * times a form offers and the only ones a booking accepts.
 */
export function arrivalTimes(checkinTime: string): string[] {
  const [h, m] = checkinTime.split(':').map(Number);
  const times: string[] = [];
  for (let minutes = Math.ceil((h! * 60 + m!) / 30) * 30; minutes <= LATEST_ARRIVAL_MINUTES; minutes += 30) {
    times.push(`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
  }
  return times;
}

/**
 * Reads the party's make-up, arrival, requests and consent into `errors`. Children count
 * toward the rooms' capacity: the stay is quoted for adults and children together.
 */
export function parseStayDetails(input: StayDetailsInput, errors: FieldErrors): StayDetails {
  const adults = count(input.adults ?? input.guests ?? 2);
  const children = count(input.children ?? 0);
  if (adults === undefined || adults < 1) errors.add('adults', 'Enter at least 1 adult');
  if (children === undefined || children < 0) errors.add('children', 'Enter the number of children (0 or more)');
  const arrival = input.arrivalTime === undefined || input.arrivalTime === '' ? null : input.arrivalTime;
  if (arrival !== null && (typeof arrival !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(arrival))) {
    errors.add('arrivalTime', 'Choose an arrival time');
  }
  const text = typeof input.requests === 'string' ? input.requests.trim() : input.requests === undefined || input.requests === null ? '' : undefined;
  if (text === undefined) errors.add('requests', 'Write the requests as text');
  else if (text.length > REQUESTS_MAX_LENGTH) errors.add('requests', `Keep the requests to ${REQUESTS_MAX_LENGTH} characters`);
  if (input.acceptTerms !== true) errors.add('acceptTerms', 'Accept the terms of use and the privacy policy to book');
  const token = input.guaranteeToken === undefined || input.guaranteeToken === '' ? undefined : input.guaranteeToken;
  if (token !== undefined && (typeof token !== 'string' || token.length > 200)) errors.add('guaranteeToken', 'Send the card token the payment provider gave');
  return {
    adults: adults ?? 0,
    children: children ?? 0,
    arrivalTime: arrival as string | null,
    requests: text || null,
    ...(typeof token === 'string' && { guaranteeToken: token }),
  };
}

/** The arrival time judged against the hotel's check-in time, known once the stay is quoted. */
export function checkArrivalTime(arrivalTime: string | null, checkinTime: string, errors: FieldErrors): void {
  if (arrivalTime !== null && !arrivalTimes(checkinTime).includes(arrivalTime)) {
    errors.add('arrivalTime', "Choose an arrival time from the hotel's check-in time to 23:30");
  }
}
