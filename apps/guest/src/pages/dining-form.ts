import { CUISINES, type DiningQuery, parseDiningQuery } from '@hatago/dining';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { field, select } from '@hatago/web-kit';
import { formatPrice, formatTime } from './formats.ts';
import { type Lang, t } from './i18n.ts';
import { langField, localiseErrors } from './page-kit.ts';

/** Guests book parties of 1 to 12 online; larger groups call the restaurant. */
export const GUEST_MAX_PARTY = 12;
/** "Around" times the search offers, each matching seatings an hour either side. */
const TIMES = ['11:30', '12:00', '12:30', '13:00', '17:30', '18:00', '18:30', '19:00', '19:30', '20:00', '20:30', '21:00'];
const BUDGETS = [10_000, 20_000, 30_000, 50_000];

/** What the restaurant search shows before the guest has chosen anything. */
export const defaultDiningValues = (): Record<string, string> => ({ date: addDays(tokyoToday(), 7), party: '2' });

/** The parameters a search or restaurant page passes on in its links. */
export const diningParams = (query: Pick<DiningQuery, 'date' | 'party'>) => ({ date: query.date, party: query.party });

/** `parseDiningQuery` with its field errors returned, so a page can re-render its form instead of failing. */
export function readDiningQuery(values: Record<string, string>, lang: Lang): { query?: DiningQuery; errors: FieldError[] } {
  const party = Number(values.party);
  const errors: FieldError[] = Number.isInteger(party) && party > GUEST_MAX_PARTY ? [{ field: 'party', message: t(lang).partyTooLarge(GUEST_MAX_PARTY) }] : [];
  try {
    const query = parseDiningQuery(values, tokyoToday());
    return errors.length ? { errors } : { query, errors };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid') return { errors: [...errors, ...localiseErrors(lang, error.fields)] };
    throw error;
  }
}

export interface DiningFormOptions {
  action: string;
  lang: Lang;
  values: Record<string, string>;
  errors?: FieldError[];
  /** The search offers area, time, cuisine and budget; a restaurant's page only the date and party. */
  areas?: Array<{ id: string; name: string }>;
}

/** The restaurant search form, submitted by GET so results are plain, cacheable URLs. */
export function diningForm(options: DiningFormOptions): SafeHtml {
  const { lang, values, areas } = options;
  const text = t(lang);
  const errors = options.errors ?? [];
  const any = { value: '', label: text.anyChoice };
  return html`<form class="inline" method="get" action="${options.action}">
  ${areas ? select({ name: 'area', label: text.area, value: values.area ?? '', options: [{ value: '', label: text.anyArea }, ...areas.map((a) => ({ value: a.id, label: a.name }))] }, errors) : ''}
  ${field({ name: 'date', label: text.diningDate, type: 'date', value: values.date, required: true }, errors)}
  ${areas ? select({ name: 'time', label: text.aroundTime, value: values.time ?? '', options: [any, ...TIMES.map((time) => ({ value: time, label: formatTime(lang, time) }))] }, errors) : ''}
  ${select({ name: 'party', label: text.party, value: values.party ?? '2', options: Array.from({ length: GUEST_MAX_PARTY }, (_, i) => ({ value: i + 1, label: text.people(i + 1) })) }, errors)}
  ${areas ? select({ name: 'cuisine', label: text.cuisine, value: values.cuisine ?? '', options: [any, ...CUISINES.map((c) => ({ value: c, label: text.cuisines[c] }))] }, errors) : ''}
  ${areas ? select({ name: 'budget', label: text.budget, value: values.budget ?? '', options: [any, ...BUDGETS.map((b) => ({ value: b, label: text.upTo(formatPrice(lang, b)) }))] }, errors) : ''}
  ${langField(lang)}
  <button type="submit">${text.search}</button>
</form>`;
}
