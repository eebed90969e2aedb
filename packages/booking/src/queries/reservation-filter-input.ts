import { FieldErrors } from '@hatago/platform/errors';
import { finishForm, type ParsedForm, readFields, readPage } from '@hatago/platform/input';
import { isValidDate } from '@hatago/platform/time';
import { RESERVATION_STATUSES, type ReservationStatus } from '../booking-tables.ts';
import type { ReservationFilter } from './reservation-queries.ts';

const FIELDS = ['code', 'email', 'name', 'from', 'to', 'status', 'page'] as const;
export type ReservationFilterForm = Record<(typeof FIELDS)[number], string>;

/**
 * The reservation filter as staff type it, for every console: facility staff get it bound
 * to their own hotel, operators search them all. `statuses` are those the list offers,
 * every status a stay can have unless narrowed (a restaurant's list: those tables share);
 * any other is a field error.
 */
export function parseReservationFilter<S extends ReservationStatus = ReservationStatus>(
  input: unknown,
  scope: { hotelId?: number; pageSize: number; statuses?: readonly S[] },
): ParsedForm<ReservationFilterForm, ReservationFilter<S>> {
  const statuses: readonly string[] = scope.statuses ?? RESERVATION_STATUSES;
  const errors = new FieldErrors();
  const form = readFields(input, FIELDS, errors);
  for (const [name, max] of [['code', 20], ['email', 254], ['name', 100]] as const) {
    if (form[name].length > max) errors.add(name, `Use at most ${max} characters`);
  }
  for (const name of ['from', 'to'] as const) {
    if (form[name] && !isValidDate(form[name])) errors.add(name, 'Enter a date as YYYY-MM-DD');
  }
  if (form.from && form.to && isValidDate(form.from) && isValidDate(form.to) && form.from > form.to) {
    errors.add('to', 'Must not be before the “from” date');
  }
  if (form.status && !statuses.includes(form.status)) errors.add('status', 'Choose a status from the list');
  const page = readPage(form.page, errors);
  return finishForm(form, errors, () => ({
    ...(scope.hotelId !== undefined ? { hotelId: scope.hotelId } : {}),
    ...(form.code ? { code: form.code } : {}),
    ...(form.email ? { email: form.email } : {}),
    ...(form.name ? { name: form.name } : {}),
    ...(form.from ? { checkinFrom: form.from } : {}),
    ...(form.to ? { checkinTo: form.to } : {}),
    ...(form.status ? { status: form.status as S } : {}),
    page,
    pageSize: scope.pageSize,
  }));
}
