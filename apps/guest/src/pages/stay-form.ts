import { parseStay, type Stay } from '@hatago/catalog';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { addDays, tokyoToday } from '@hatago/platform/time';
import { field, select } from '@hatago/web-kit';
import { type Lang, t } from './i18n.ts';
import { hidden, langField, localiseErrors } from './page-kit.ts';

/** What the search form shows before the guest has chosen anything. */
export const defaultStayValues = (): Record<string, string> => ({
  checkin: addDays(tokyoToday(), 14),
  nights: '1',
  guests: '2',
  rooms: '1',
});

export const stayParams = (stay: Stay) => ({ checkin: stay.checkin, nights: stay.nights, guests: stay.guests, rooms: stay.rooms });

/** `parseStay` with its field errors returned, so a page can re-render its form instead of failing. */
export function readStay(values: Record<string, string>, lang: Lang): { stay?: Stay; errors: FieldError[] } {
  try {
    return { stay: parseStay(values), errors: [] };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid') return { stay: undefined, errors: localiseErrors(lang, error.fields) };
    throw error;
  }
}

export interface StayFormOptions {
  action: string;
  lang: Lang;
  values: Record<string, string>;
  errors?: FieldError[];
  /** Search offers the area choice; a hotel page does not. */
  areas?: Array<{ id: string; name: string }>;
  keep?: Parameters<typeof hidden>[0];
}

/** The check-in, nights, guests and rooms form, submitted by GET so results are plain, cacheable URLs. */
export function stayForm(options: StayFormOptions): SafeHtml {
  const { lang, values } = options;
  const text = t(lang);
  const errors = options.errors ?? [];
  return html`<form class="inline" method="get" action="${options.action}">
  ${
    options.areas
      ? select(
          {
            name: 'area',
            label: text.area,
            value: values.area ?? '',
            options: [{ value: '', label: text.anyArea }, ...options.areas.map((a) => ({ value: a.id, label: a.name }))],
          },
          errors,
        )
      : ''
  }
  ${field({ name: 'checkin', label: text.checkin, type: 'date', value: values.checkin, required: true }, errors)}
  ${field({ name: 'nights', label: text.nights, type: 'number', value: values.nights, attrs: { min: 1, max: 14 } }, errors)}
  ${field({ name: 'guests', label: text.guests, type: 'number', value: values.guests, attrs: { min: 1, max: 8 } }, errors)}
  ${field({ name: 'rooms', label: text.rooms, type: 'number', value: values.rooms, attrs: { min: 1, max: 4 } }, errors)}
  ${hidden(options.keep ?? {})}${langField(lang)}
  <button type="submit">${text.search}</button>
</form>`;
}
