import type { FieldError } from '../errors/domain-error.ts';

/**
 * Characters no field of a request may carry, whatever the field:
 * - NUL: PostgreSQL text cannot hold it, so a value carrying it fails the query itself (a
 *   500), whether it is written or only compared in a filter.
 * - the other C0 controls except TAB, LF and CR, DEL and the C1 controls: nobody types
 *   them, and they are what terminal escapes, log forging and spoofed CSV or mail content
 *   are made of. TAB, LF and CR stay: multi-line fields (notes, textareas) need them, and
 *   single-line fields refuse them with their own format rules.
 * - lone surrogates: not Unicode scalar values, so UTF-8 cannot encode them; the driver
 *   would silently store U+FFFD instead of what was sent.
 * - U+FFFE and U+FFFF: noncharacters, a byte-order mark read backwards or a sentinel,
 *   never text.
 */
const DISALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasDisallowedCharacter = (value: string): boolean => DISALLOWED.test(value);

const DISALLOWED_ALL = new RegExp(DISALLOWED.source, 'g');

/**
 * The text with every disallowed character removed, for free text a trusted sender passed
 * on from someone else (a provider's bounce reason quoting a remote mail server), which is
 * worth keeping readable rather than refusing whole.
 */
export const withoutDisallowedCharacters = (value: string): string => value.replace(DISALLOWED_ALL, '');

export const DISALLOWED_CHARACTER_MESSAGE = 'Remove the control character or invalid text';

/**
 * Every value inside a parsed request part (query, params, JSON or form body) that no
 * column can take, as field errors named by their path from `prefix` (`body.guest.name`,
 * `query.email`): strings with a disallowed character (keys too: a JSON key may become a
 * log label), and numbers that are not finite, which `1e309` becomes through JSON.parse
 * or the schema's coercion and PostgreSQL refuses as an integer.
 */
export function disallowedValuesIn(value: unknown, prefix: string, errors: FieldError[] = [], depth = 0): FieldError[] {
  if (typeof value === 'string') {
    if (hasDisallowedCharacter(value)) errors.push({ field: prefix, message: DISALLOWED_CHARACTER_MESSAGE });
    return errors;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) errors.push({ field: prefix, message: 'Give a number within range' });
    return errors;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return errors;
  if (depth >= MAX_DEPTH) {
    errors.push({ field: prefix, message: 'Nested too deeply' });
    return errors;
  }
  for (const [key, item] of Object.entries(value)) {
    const field = `${prefix}.${hasDisallowedCharacter(key) ? '?' : key}`;
    if (hasDisallowedCharacter(key)) errors.push({ field, message: DISALLOWED_CHARACTER_MESSAGE });
    disallowedValuesIn(item, field, errors, depth + 1);
  }
  return errors;
}

// no schema nests deeper than a few levels; the cap keeps a hostile, deeply nested body
// from costing more than its parse did
const MAX_DEPTH = 32;
