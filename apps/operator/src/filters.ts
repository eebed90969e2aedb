import type { AuditFilter } from '@hatago/audit';
import { parseReservationFilter } from '@hatago/booking';
import { FieldErrors } from '@hatago/platform/errors';
import { finishForm, type ParsedForm, readFields, readPage } from '@hatago/platform/input';

export const PAGE_SIZE = 20;

/** Operators search every hotel's reservations. */
export const parseReservationSearch = (query: unknown) => parseReservationFilter(query, { pageSize: PAGE_SIZE });

const ACTION = /^[a-z_]{1,40}(\.[a-z_]{1,40}){0,3}$/;

export function parseAuditFilter(query: unknown): ParsedForm<Record<'action' | 'target' | 'page', string>, AuditFilter & { page: number; pageSize: number }> {
  const errors = new FieldErrors();
  const form = readFields(query, ['action', 'target', 'page'] as const, errors);
  if (form.action && !ACTION.test(form.action)) errors.add('action', 'Use a dotted action such as reservation.cancel');
  if (form.target.length > 100) errors.add('target', 'Use at most 100 characters');
  const page = readPage(form.page, errors);
  return finishForm(form, errors, () => ({
    ...(form.action ? { action: form.action } : {}),
    ...(form.target ? { targetId: form.target } : {}),
    page,
    pageSize: PAGE_SIZE,
  }));
}
