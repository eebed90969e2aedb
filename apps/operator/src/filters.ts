import type { AuditFilter } from '@hatago/audit';
import type { ReservationFilter, ReservationStatus } from '@hatago/booking';
import { FieldErrors, type FieldError } from '@hatago/platform/errors';
import { isValidDate } from '@hatago/platform/time';

export const PAGE_SIZE = 20;
const MAX_PAGE = 10_000;
const STATUSES: ReservationStatus[] = ['confirmed', 'cancelled'];

/**
 * A filter form read from the query string: the values as typed (to show them again) and
 * either the filter to run or the errors to show beside the fields.
 */
export type ParsedFilter<F> = { form: Record<string, string> } & ({ filter: F; errors?: never } | { filter?: never; errors: FieldError[] });

/** Reads named text fields; a repeated parameter is an error rather than a crash. */
function readForm(query: unknown, names: string[], errors: FieldErrors): Record<string, string> {
  const raw = (query ?? {}) as Record<string, unknown>;
  const form: Record<string, string> = {};
  for (const name of names) {
    const value = raw[name];
    if (value === undefined) form[name] = '';
    else if (typeof value === 'string') form[name] = value.trim();
    else {
      form[name] = '';
      errors.add(name, 'Give one value');
    }
  }
  return form;
}

function maxLength(form: Record<string, string>, errors: FieldErrors, name: string, max: number): void {
  if (form[name]!.length > max) errors.add(name, `Use at most ${max} characters`);
}

function pageOf(form: Record<string, string>, errors: FieldErrors): number {
  if (!form.page) return 1;
  const page = Number(form.page);
  if (!/^\d+$/.test(form.page) || page < 1 || page > MAX_PAGE) {
    errors.add('page', `Choose a page from 1 to ${MAX_PAGE}`);
    return 1;
  }
  return page;
}

const done = <F>(form: Record<string, string>, errors: FieldErrors, filter: () => F): ParsedFilter<F> =>
  errors.list.length ? { form, errors: errors.list } : { form, filter: filter() };

export function parseReservationSearch(query: unknown): ParsedFilter<ReservationFilter> {
  const errors = new FieldErrors();
  const form = readForm(query, ['code', 'email', 'name', 'from', 'to', 'status', 'page'], errors);
  maxLength(form, errors, 'code', 20);
  maxLength(form, errors, 'email', 254);
  maxLength(form, errors, 'name', 100);
  for (const name of ['from', 'to']) {
    if (form[name] && !isValidDate(form[name]!)) errors.add(name, 'Enter a date as YYYY-MM-DD');
  }
  if (form.from && form.to && isValidDate(form.from) && isValidDate(form.to) && form.from > form.to) {
    errors.add('to', 'Must not be before the “from” date');
  }
  if (form.status && !STATUSES.includes(form.status as ReservationStatus)) errors.add('status', 'Choose a status from the list');
  const page = pageOf(form, errors);
  return done(form, errors, () => ({
    ...(form.code ? { code: form.code } : {}),
    ...(form.email ? { email: form.email } : {}),
    ...(form.name ? { name: form.name } : {}),
    ...(form.from ? { checkinFrom: form.from } : {}),
    ...(form.to ? { checkinTo: form.to } : {}),
    ...(form.status ? { status: form.status as ReservationStatus } : {}),
    page,
    pageSize: PAGE_SIZE,
  }));
}

const ACTION = /^[a-z_]{1,40}(\.[a-z_]{1,40}){0,3}$/;

export function parseAuditFilter(query: unknown): ParsedFilter<AuditFilter & { page: number; pageSize: number }> {
  const errors = new FieldErrors();
  const form = readForm(query, ['action', 'target', 'page'], errors);
  if (form.action && !ACTION.test(form.action)) errors.add('action', 'Use a dotted action such as reservation.cancel');
  maxLength(form, errors, 'target', 100);
  const page = pageOf(form, errors);
  return done(form, errors, () => ({
    ...(form.action ? { action: form.action } : {}),
    ...(form.target ? { targetId: form.target } : {}),
    page,
    pageSize: PAGE_SIZE,
  }));
}
