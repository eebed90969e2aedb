import { arrivalTimes, REQUESTS_MAX_LENGTH, type StayPayment } from '@hatago/booking';
import type { StayQuote } from '@hatago/catalog';
import { cardLabel } from '@hatago/payments';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { errorFor, select, textArea } from '@hatago/web-kit';
import { cardFields, cardParams } from './card-guarantee-form.ts';
import { formatPrice } from './formats.ts';
import { type Lang, t } from './i18n.ts';
import { legalLinks } from './page-kit.ts';

/** The stay form's fields besides the guest's contact, as the page names them. */
export const STAY_DETAIL_FIELDS = ['adults', 'children', 'arrivalTime', 'requests', 'acceptTerms'] as const;

/** What the confirm page carries of the details: the card only as its token and how to name it. */
export const stayDetailParams = (values: Record<string, string>) => ({
  ...Object.fromEntries(STAY_DETAIL_FIELDS.map((f) => [f, values[f]])),
  ...cardParams(values),
});

/** The consent box beside its sentence, as a checkbox reads, with its error on the line below. */
export const STAY_DETAILS_CSS = `.consent{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
.consent .error-text{flex-basis:100%}
.consent-links{display:inline-flex;gap:.75rem}`;

/** Adults and children: 1 to 8 people in all, as a stay takes. */
const counts = (from: number) => Array.from({ length: 9 - from }, (_, i) => ({ value: from + i, label: String(from + i) }));

/**
 * The party, arrival, requests, card (when the plan requires one) and consent. `adults`
 * starts from the party the guest searched for; the card is never pre-filled.
 */
export function stayDetailFields(lang: Lang, quote: StayQuote, values: Record<string, string>, defaults: { adults: number }, errors: FieldError[]): SafeHtml {
  const text = t(lang);
  const consentError = errorFor(errors, 'acceptTerms');
  return html`<fieldset class="stack"><legend>${text.guests}</legend>
  ${select({ name: 'adults', label: text.adults, value: values.adults ?? defaults.adults, options: counts(1) }, errors)}
  ${select({ name: 'children', label: text.children, value: values.children ?? 0, options: counts(0) }, errors)}
  <p class="muted">${text.childrenHint}</p>
</fieldset>
  ${select(
    {
      name: 'arrivalTime',
      label: text.arrivalTime,
      value: values.arrivalTime ?? '',
      options: [{ value: '', label: text.arrivalUndecided }, ...arrivalTimes(quote.checkinTime).map((time) => ({ value: time, label: time }))],
    },
    errors,
  )}
  ${textArea({ name: 'requests', label: text.stayRequests, value: values.requests, maxLength: REQUESTS_MAX_LENGTH }, errors)}
  <p class="muted">${text.stayRequestsHint(REQUESTS_MAX_LENGTH)}</p>
  ${quote.guaranteeRequired ? cardFields(lang, text.stayCardNote(formatPrice(lang, quote.totalPrice)), errors) : ''}
  <label class="consent${consentError ? ' field-error' : ''}"><input type="checkbox" name="acceptTerms" value="yes" required${values.acceptTerms === 'yes' ? html` checked` : ''}${
    consentError ? html` aria-invalid="true"` : ''
  }> ${text.acceptTerms}<span class="consent-links">${legalLinks(lang)}</span>${consentError ? html`<span class="error-text">${consentError}</span>` : ''}</label>`;
}

/**
 * How a stay is paid, as its pages name it: a booked stay's guarantee with where it stands
 * (held, released, charged), the confirm page's card before anything is held without.
 */
export function paymentText(lang: Lang, payment: { kind: 'at_hotel' } | ({ kind: 'guarantee'; brand: string; last4: string } & Partial<GuaranteeHeld>)): string {
  const text = t(lang);
  if (payment.kind !== 'guarantee') return text.payAtHotel;
  const card = text.guaranteedBy(cardLabel(payment));
  if (!payment.status) return card;
  return text.withState(card, text.guaranteeState[payment.status](formatPrice(lang, payment.amount ?? 0), formatPrice(lang, payment.charged ?? 0)));
}

type GuaranteeHeld = Pick<Extract<StayPayment, { kind: 'guarantee' }>, 'amount' | 'status' | 'charged'>;

/** The confirm page's rows for the details the guest gave. */
export function stayDetailRows(lang: Lang, quote: StayQuote, values: Record<string, string>): SafeHtml {
  const text = t(lang);
  return html`<dt>${text.guests}</dt><dd data-testid="party">${text.partyOf(Number(values.adults), Number(values.children || 0))}</dd>
  <dt>${text.arrivalTime}</dt><dd>${values.arrivalTime || text.arrivalUndecided}</dd>
  ${values.requests?.trim() ? html`<dt>${text.stayRequests}</dt><dd>${values.requests.trim()}</dd>` : ''}
  <dt>${text.payment}</dt><dd data-testid="payment">${
    quote.guaranteeRequired && values.cardLast4 ? paymentText(lang, { kind: 'guarantee', brand: values.cardBrand ?? '', last4: values.cardLast4 }) : text.payAtHotel
  }</dd>`;
}
