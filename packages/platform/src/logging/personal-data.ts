// RFC 5322's common shape is enough here: anything that looks like an address is hidden
const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g;
// Japanese numbers (03-1234-5678, 090-1234-5678, 09012345678) and international ones (+81 90 1234 5678);
// dates (2027-01-15) and times do not match: a domestic number starts with 0, an international one with +
const PHONE = /(?<![\w-])(?:\+\d{1,3}[\s-]?\d{1,4}(?:[\s-]?\d{2,4}){2,3}|0\d{1,4}-\d{1,4}-\d{3,4}|0\d{9,10})(?![\w-])/g;

/** Free text with every email address and phone number replaced: error messages and provider answers quote them. */
export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

/**
 * Structured fields that hold a guest's or member's data, wherever a log call puts them
 * (top level, one or two levels down): pino replaces them before the line is written.
 */
const PERSONAL_FIELDS = ['email', 'phone', 'name', 'guestName', 'fullName', 'to', 'recipient', 'address'];

export const PERSONAL_DATA_PATHS = PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
