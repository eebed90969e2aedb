import { randomBytes } from 'node:crypto';

// Crockford's alphabet: no I, L, O, U, so a code read out on the phone is unambiguous
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Each kind of reservation has its own prefix, so a hotel and a restaurant code never
 * collide and a look-up by code knows from the code alone which module owns it.
 */
export const RESERVATION_PREFIXES = { stay: 'HT', table: 'RS' } as const;
export type ReservationKind = keyof typeof RESERVATION_PREFIXES;

const codePattern = (kind: ReservationKind) => new RegExp(`^${RESERVATION_PREFIXES[kind]}[0-9A-HJKMNP-TV-Z]{10}$`);
export const RESERVATION_CODE = codePattern('stay');
export const TABLE_RESERVATION_CODE = codePattern('table');
const PATTERNS: Record<ReservationKind, RegExp> = { stay: RESERVATION_CODE, table: TABLE_RESERVATION_CODE };

/** The prefix and 50 random bits: guessing a code is hopeless, and lookups also need the email. */
export function newReservationCode(kind: ReservationKind = 'stay'): string {
  const bytes = randomBytes(10);
  let code: string = RESERVATION_PREFIXES[kind];
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

export function normaliseReservationCode(value: unknown, kind: ReservationKind = 'stay'): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase().replace(/[\s-]/g, '');
  return PATTERNS[kind].test(code) ? code : undefined;
}
