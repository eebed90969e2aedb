/** What a form field shows: the text the user sent back, or the stored value. */
export type FormValues = Record<string, string>;

export function valuesOf(input: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = String(value);
  }
  return values;
}

/** One submitted value as a field shows it; a repeated or missing parameter shows empty. */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');
