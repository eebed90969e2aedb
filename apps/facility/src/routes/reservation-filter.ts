import type { ReservationFilter, ReservationStatus } from '@hatago/booking';
import { type FieldError, FieldErrors } from '@hatago/platform/errors';
import { isValidDate } from '@hatago/platform/time';

export const PAGE_SIZE = 25;
const MAX_PAGE = 10_000;
export const STATUSES: ReservationStatus[] = ['confirmed', 'cancelled'];
const FIELDS = ['from', 'to', 'status', 'name', 'code', 'page'] as const;

export type FilterForm = Record<(typeof FIELDS)[number], string>;

/**
 * The reservation filter as staff type it (query string for the list, form body for the
 * export): the values to show again, and either the filter, always bound to the staff's
 * own hotel, or the field errors.
 */
export function parseReservationFilter(
  raw: unknown,
  hotelId: number,
): { form: FilterForm; filter: ReservationFilter; errors?: never } | { form: FilterForm; filter?: never; errors: FieldError[] } {
  const errors = new FieldErrors();
  const input = (raw ?? {}) as Record<string, unknown>;
  const form = {} as FilterForm;
  for (const name of FIELDS) {
    const value = input[name];
    form[name] = typeof value === 'string' ? value.trim() : '';
    if (value !== undefined && typeof value !== 'string') errors.add(name, 'Give one value');
  }
  for (const name of ['from', 'to'] as const) {
    if (form[name] && !isValidDate(form[name])) errors.add(name, 'Enter a date as YYYY-MM-DD');
  }
  if (form.from && form.to && isValidDate(form.from) && isValidDate(form.to) && form.from > form.to) errors.add('to', 'Must not be before the first date');
  if (form.status && !STATUSES.includes(form.status as ReservationStatus)) errors.add('status', 'Choose a status from the list');
  if (form.name.length > 100) errors.add('name', 'Use at most 100 characters');
  if (form.code.length > 20) errors.add('code', 'Use at most 20 characters');
  const page = form.page ? Number(form.page) : 1;
  if (!/^\d{0,5}$/.test(form.page) || page < 1 || page > MAX_PAGE) errors.add('page', `Choose a page from 1 to ${MAX_PAGE}`);
  if (errors.list.length) return { form, errors: errors.list };
  return {
    form,
    filter: {
      hotelId,
      ...(form.code ? { code: form.code } : {}),
      ...(form.name ? { name: form.name } : {}),
      ...(form.from ? { checkinFrom: form.from } : {}),
      ...(form.to ? { checkinTo: form.to } : {}),
      ...(form.status ? { status: form.status as ReservationStatus } : {}),
      page,
      pageSize: PAGE_SIZE,
    },
  };
}
