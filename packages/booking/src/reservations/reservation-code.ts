import { randomBytes } from 'node:crypto';

// Crockford's alphabet: no I, L, O, U, so a code read out on the phone is unambiguous
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RESERVATION_CODE = /^HT[0-9A-HJKMNP-TV-Z]{10}$/;

/** `HT` and 50 random bits: guessing a code is hopeless, and lookups also need the email. */
export function newReservationCode(): string {
  const bytes = randomBytes(10);
  let code = 'HT';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

export function normaliseReservationCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase().replace(/[\s-]/g, '');
  return RESERVATION_CODE.test(code) ? code : undefined;
}
