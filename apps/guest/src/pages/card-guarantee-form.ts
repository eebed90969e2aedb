import type { CardTokeniser } from '@hatago/payments';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field } from '@hatago/web-kit';
import { type Lang, t } from './i18n.ts';

/**
 * The card guarantee part of the stay and table booking forms. The typed card is swapped
 * at once for the provider's token: only the token, the brand and the last four digits go
 * on to the confirm page; the number and security code are dropped with the request that
 * brought them and never written back into a page.
 */
export const CARD_FIELDS = ['cardNumber', 'cardExpiry', 'cardCvc'] as const;

/** The domain names the card token; the guest typed a card number. */
export const CARD_FORM_FIELD: Record<string, string> = { guaranteeToken: 'cardNumber' };

/** The card form, never pre-filled; `note` says what is held and when it is charged. */
export function cardFields(lang: Lang, note: string, errors: FieldError[]): SafeHtml {
  const text = t(lang);
  return html`<h3>${text.cardGuarantee}</h3>
  <p class="muted">${note}</p>
  ${field({ name: 'cardNumber', label: text.cardNumber, required: true, attrs: { autocomplete: 'cc-number', placeholder: '4242 4242 4242 4242' } }, errors)}
  ${field({ name: 'cardExpiry', label: text.cardExpiry, required: true, attrs: { autocomplete: 'cc-exp', placeholder: 'MM/YY' } }, errors)}
  ${field({ name: 'cardCvc', label: text.cardCvc, type: 'password', required: true, attrs: { autocomplete: 'cc-csc' } }, errors)}`;
}

/** The form's values with the typed card (if `needed`) replaced by its token and how to name it; throws the card's field errors. */
export function withCardToken(payments: CardTokeniser, needed: boolean, values: Record<string, string>): Record<string, string> {
  const { cardNumber, cardExpiry, cardCvc, guaranteeToken, cardBrand, cardLast4, ...rest } = values;
  if (!needed) return rest;
  const card = payments.tokenise({ number: cardNumber ?? '', expiry: cardExpiry ?? '', cvc: cardCvc ?? '' });
  return { ...rest, guaranteeToken: card.token, cardBrand: card.brand, cardLast4: card.last4 };
}

/** What the confirm page carries of the card: its token and how to name it, never its number. */
export const cardParams = (values: Record<string, string>) => ({
  guaranteeToken: values.guaranteeToken,
  cardBrand: values.cardBrand,
  cardLast4: values.cardLast4,
});

/** The confirm page's line naming the card on file, when there is one. */
export const cardOnFileRow = (lang: Lang, values: Record<string, string>): SafeHtml =>
  values.cardLast4
    ? html`<dt>${t(lang).cardGuarantee}</dt><dd data-testid="card-on-file">${t(lang).cardOnFile(values.cardBrand ?? '', values.cardLast4)}</dd>`
    : html``;
