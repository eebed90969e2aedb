import type { FieldErrors } from '@hatago/platform/errors';
import { isValidDate } from '@hatago/platform/time';

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
