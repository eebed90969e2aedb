import { type FieldError, FieldErrors } from '../errors/domain-error.ts';
import { isValidDate } from '../time/stay-dates.ts';
import { DISALLOWED_CHARACTER_MESSAGE, hasDisallowedCharacter } from './control-characters.ts';
export { normalisePersonName } from './person-name.ts';
export { hasDisallowedCharacter, withoutDisallowedCharacters } from './control-characters.ts';

/** A submitted form as the apps receive it: every value a string, a list of strings, or absent. */
export type FormInput = Record<string, unknown>;

/**
 * Readers for one form field each. They record a message for the field when the value is
 * wrong and return a placeholder, so a form reports every mistake at once.
 */
export function readText(errors: FieldErrors, input: FormInput, name: string, rule: { label: string; max: number; optional?: boolean }): string {
  const raw = input[name];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!value && !rule.optional) errors.add(name, `${rule.label} is required`);
  else if (value.length > rule.max) errors.add(name, `${rule.label} must be at most ${rule.max} characters`);
  else if (hasDisallowedCharacter(value)) errors.add(name, DISALLOWED_CHARACTER_MESSAGE);
  return value;
}

export function readInteger(errors: FieldErrors, input: FormInput, name: string, rule: { label: string; min: number; max: number }): number {
  const raw = input[name];
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!/^-?\d{1,9}$/.test(text)) {
    errors.add(name, text ? `${rule.label} must be a whole number` : `${rule.label} is required`);
    return rule.min;
  }
  const value = Number(text);
  if (value < rule.min || value > rule.max) errors.add(name, `${rule.label} must be between ${rule.min} and ${rule.max}`);
  return value;
}

/** A 'YYYY-MM-DD' date; `null` when optional and left empty. */
export function readDate(errors: FieldErrors, input: FormInput, name: string, rule: { label: string; optional: true }): string | null;
export function readDate(errors: FieldErrors, input: FormInput, name: string, rule: { label: string; optional?: false }): string;
export function readDate(errors: FieldErrors, input: FormInput, name: string, rule: { label: string; optional?: boolean }): string | null {
  const raw = input[name];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!value) {
    if (rule.optional) return null;
    errors.add(name, `${rule.label} is required`);
    return '';
  }
  if (!isValidDate(value)) errors.add(name, `${rule.label} must be a date (YYYY-MM-DD)`);
  return value;
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** An address mail can be sent to: dot-atom local part, a domain of DNS labels with a dot (RFC 5321's 254 characters at most). */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** An email address; `null` when optional and left empty. */
export function readEmail(errors: FieldErrors, input: FormInput, name: string, rule: { label: string; optional?: boolean }): string | null {
  const raw = input[name];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!value) {
    if (!rule.optional) errors.add(name, `${rule.label} is required`);
    return rule.optional ? null : '';
  }
  if (!isEmail(value)) errors.add(name, `${rule.label} must be an email address, like frontdesk@example.com`);
  return value;
}

/** A time of day on a 24-hour clock, 'HH:MM'. */
export function readTimeOfDay(errors: FieldErrors, input: FormInput, name: string, rule: { label: string }): string {
  const raw = input[name];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!value) errors.add(name, `${rule.label} is required`);
  else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) errors.add(name, `${rule.label} must be a time like 15:00`);
  return value;
}

export function readChoice<T extends string>(errors: FieldErrors, input: FormInput, name: string, rule: { label: string; choices: readonly T[] }): T {
  const raw = input[name];
  if (typeof raw === 'string' && (rule.choices as readonly string[]).includes(raw)) return raw as T;
  errors.add(name, `Choose a ${rule.label.toLowerCase()}`);
  return rule.choices[0]!;
}

/** A path or form id; anything that is not a plausible id matches nothing. */
export function parseId(raw: unknown): number | undefined {
  return typeof raw === 'string' && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0 ? raw : undefined;
}

/**
 * A filter form read from a query string or body: the values as typed (to show them
 * again) and either the parsed filter or the errors to show beside the fields.
 */
export type ParsedForm<Form, Filter> = { form: Form } & ({ filter: Filter; errors?: never } | { filter?: never; errors: FieldError[] });

/** Reads named text fields, trimmed; a repeated parameter is an error rather than a crash. */
export function readFields<Name extends string>(input: unknown, names: readonly Name[], errors: FieldErrors): Record<Name, string> {
  const raw = (input ?? {}) as FormInput;
  const form = {} as Record<Name, string>;
  for (const name of names) {
    const value = raw[name];
    form[name] = typeof value === 'string' ? value.trim() : '';
    if (value !== undefined && typeof value !== 'string') errors.add(name, 'Give one value');
    else if (hasDisallowedCharacter(form[name])) errors.add(name, DISALLOWED_CHARACTER_MESSAGE);
  }
  return form;
}

export const MAX_PAGE = 10_000;

/** A 1-based page number; empty means the first page. */
export function readPage(value: string, errors: FieldErrors): number {
  if (!value) return 1;
  const page = Number(value);
  if (!/^\d{1,5}$/.test(value) || page < 1 || page > MAX_PAGE) {
    errors.add('page', `Choose a page from 1 to ${MAX_PAGE}`);
    return 1;
  }
  return page;
}

export const finishForm = <Form, Filter>(form: Form, errors: FieldErrors, filter: () => Filter): ParsedForm<Form, Filter> =>
  errors.list.length ? { form, errors: errors.list } : { form, filter: filter() };
