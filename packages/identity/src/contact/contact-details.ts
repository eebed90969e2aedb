import { FieldErrors } from '@hatago/platform/errors';
import { isEmail, normalisePersonName } from '@hatago/platform/input';
import { IdentityErrors } from '../identity-errors.ts';

export interface ContactDetails {
  /** As the guest writes it, usually kanji or kana. */
  name: string;
  /** In Latin letters, for staff who do not read Japanese and for card matching. */
  nameLatin: string;
  email: string;
  phone: string;
}

const PHONE = /^\+?[0-9][0-9 -]{5,18}[0-9]$/;
const LATIN_NAME = /^[A-Za-z][A-Za-z .'-]{0,99}$/;
// markup and control characters have no place in a person's name; nor have lone UTF-16
// surrogates (UTF-8 cannot encode them, so the stored name would differ). Bidi controls
// never get this far: normalisePersonName removes them with the other invisible characters
const FORBIDDEN_IN_NAME = /[<>{}\\\p{Cc}\p{Cs}]/u;

/**
 * Validates contact details the way both bookings and member sign-up need them.
 * `nameLatin` is optional for API callers that only send `name`; pass `requireLatin`
 * for forms that ask for both. `optionalEmail` lets a member's saved companion have no
 * address of their own (the booking then goes to the member's); an empty one stays ''.
 */
export function parseContact(
  input: { name?: unknown; nameLatin?: unknown; email?: unknown; phone?: unknown },
  options: { requireLatin: boolean; prefix?: string; optionalEmail?: boolean },
): ContactDetails {
  const errors = new FieldErrors();
  const field = (name: string) => (options.prefix ? `${options.prefix}.${name}` : name);
  const text = (value: unknown) => (typeof value === 'string' ? value.trim().normalize('NFC') : '');
  // names are stored as staff search for them (see searchReservations), so an invisible
  // character cannot hide a guest from the search
  const name = normalisePersonName(text(input.name));
  const nameLatin = normalisePersonName(text(input.nameLatin));
  const email = text(input.email);
  const phone = text(input.phone);

  if (!name) errors.add(field('name'), 'Enter the guest name');
  else if (name.length > 100) errors.add(field('name'), 'Name must be at most 100 characters');
  else if (FORBIDDEN_IN_NAME.test(name)) errors.add(field('name'), 'Name contains characters that are not allowed');

  if (!nameLatin && options.requireLatin) errors.add(field('nameLatin'), 'Enter the name in Latin letters');
  else if (nameLatin && !LATIN_NAME.test(nameLatin)) errors.add(field('nameLatin'), 'Use Latin letters, spaces, hyphens and apostrophes');

  if (!(isEmail(email) || (options.optionalEmail && !email))) errors.add(field('email'), 'Enter a valid email address');
  if (!PHONE.test(phone)) errors.add(field('phone'), 'Enter a phone number of digits, spaces or hyphens');
  errors.throwIfAny(IdentityErrors.INVALID_CONTACT);
  return { name, nameLatin: nameLatin || (LATIN_NAME.test(name) ? name : ''), email, phone };
}
