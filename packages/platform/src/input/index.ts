/** Reading form and query input: fields, person names, date ranges. */
export * from './form-input.ts';
export * from './date-range.ts';
