import { FieldErrors } from '@hatago/platform/errors';
import { finishForm, type ParsedForm, readFields } from '@hatago/platform/input';
import { addDays, isValidDate } from '@hatago/platform/time';
import { MAIL_STATUSES, type MailStatus } from '../mail-tables.ts';

export const HISTORY_PAGE_SIZE = 50;

const FIELDS = ['recipient', 'reference', 'category', 'status', 'from', 'to', 'after'] as const;
export type MailHistoryForm = Record<(typeof FIELDS)[number], string>;

export interface MailHistoryFilter {
  /** The whole address, any case: a partial match could not use an index over millions of rows. */
  recipient?: string;
  reference?: string;
  category?: string;
  status?: MailStatus;
  /** Instants bounding created_at: [createdFrom, createdBefore). */
  createdFrom?: Date;
  createdBefore?: Date;
  /** Keyset cursor: continue after this message, in newest-first order. */
  after?: number;
  pageSize: number;
}

/** Staff in Japan pick calendar days; a day starts at midnight Tokyo time. */
const tokyoMidnight = (date: string) => new Date(`${date}T00:00:00+09:00`);

export function parseMailHistoryFilter(input: unknown): ParsedForm<MailHistoryForm, MailHistoryFilter> {
  const errors = new FieldErrors();
  const form = readFields(input, FIELDS, errors);
  for (const [name, max] of [['recipient', 254], ['reference', 100], ['category', 50]] as const) {
    if (form[name].length > max) errors.add(name, `Use at most ${max} characters`);
  }
  if (form.recipient && !form.recipient.includes('@')) errors.add('recipient', 'Enter the whole address, e.g. guest@example.com');
  for (const name of ['from', 'to'] as const) {
    if (form[name] && !isValidDate(form[name])) errors.add(name, 'Enter a date as YYYY-MM-DD');
  }
  if (form.from && form.to && isValidDate(form.from) && isValidDate(form.to) && form.from > form.to) {
    errors.add('to', 'Must not be before the “from” date');
  }
  if (form.status && !(MAIL_STATUSES as readonly string[]).includes(form.status)) errors.add('status', 'Choose a status from the list');
  if (form.after && !/^[1-9]\d{0,15}$/.test(form.after)) errors.add('after', 'Follow the page links to move between pages');
  return finishForm(form, errors, () => ({
    ...(form.recipient ? { recipient: form.recipient.toLowerCase() } : {}),
    ...(form.reference ? { reference: form.reference } : {}),
    ...(form.category ? { category: form.category } : {}),
    ...(form.status ? { status: form.status as MailStatus } : {}),
    ...(form.from ? { createdFrom: tokyoMidnight(form.from) } : {}),
    ...(form.to ? { createdBefore: tokyoMidnight(addDays(form.to, 1)) } : {}),
    ...(form.after ? { after: Number(form.after) } : {}),
    pageSize: HISTORY_PAGE_SIZE,
  }));
}
