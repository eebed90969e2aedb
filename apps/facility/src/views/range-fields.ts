import type { FieldError } from '@hatago/platform/errors';
import { NIGHT_WORDS, type RangeWords } from '@hatago/platform/input';
import { html, type SafeHtml } from '@hatago/platform/html';
import { errorFor, field } from '@hatago/web-kit';
import { textOf } from './form-values.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** First and last night (or date) plus optional weekday boxes: the shape of every bulk change. */
export function rangeFields(values: Record<string, unknown>, errors: FieldError[], words: RangeWords = NIGHT_WORDS): SafeHtml {
  const chosen = new Set((Array.isArray(values.weekday) ? values.weekday : [values.weekday]).map(String));
  const weekdayError = errorFor(errors, 'weekday');
  return html`${field({ name: 'from', label: words.from, type: 'date', value: textOf(values.from), required: true }, errors)}
${field({ name: 'to', label: words.to, type: 'date', value: textOf(values.to), required: true }, errors)}
<fieldset class="${weekdayError ? 'field-error' : ''}"><legend>Only on (none = every day)</legend>${WEEKDAYS.map(
    (day, i) => html`<label><input type="checkbox" name="weekday" value="${i}"${chosen.has(String(i)) ? html` checked` : ''}>${day}</label>`,
  )}${weekdayError ? html`<span class="error-text">${weekdayError}</span>` : ''}</fieldset>`;
}
