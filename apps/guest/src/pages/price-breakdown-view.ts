import { CONSUMPTION_TAX_PERCENT, type PriceBreakdown } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';
import { yen } from '@hatago/web-kit';
import type { Lang } from './i18n.ts';

const TEXTS = {
  ja: {
    breakdown: '料金の内訳',
    roomCharge: '室料',
    serviceCharge: (percent: number) => `サービス料（${percent}%）`,
    consumptionTax: `消費税（${CONSUMPTION_TAX_PERCENT}%）`,
    total: (withService: boolean) => (withService ? 'ご予約の合計（税・サービス料込）' : 'ご予約の合計（税込）'),
    perPerson: '1名あたり',
    accommodationTax: '宿泊税（ホテルでお支払い）',
    grandTotal: '宿泊税を含むお支払い総額',
    withPerPerson: (total: string, perPerson: string) => `${total}（1名あたり ${perPerson}）`,
    payAtHotel: '宿泊税はご予約の合計に含まれず、ご宿泊時にホテルでお支払いいただきます。',
    payAtHotelIfAny: '宿泊税がかかる地域では、宿泊税はこの合計に含まれず、ご宿泊時にホテルでお支払いいただきます。',
  },
  en: {
    breakdown: 'Price breakdown',
    roomCharge: 'Room charge',
    serviceCharge: (percent: number) => `Service charge (${percent}%)`,
    consumptionTax: `Consumption tax (${CONSUMPTION_TAX_PERCENT}%)`,
    total: (withService: boolean) => (withService ? 'Booking total (tax and service included)' : 'Booking total (tax included)'),
    perPerson: 'Per person',
    accommodationTax: 'Accommodation tax (paid at the hotel)',
    grandTotal: 'Total with accommodation tax',
    withPerPerson: (total: string, perPerson: string) => `${total} (per person ${perPerson})`,
    payAtHotel: 'Accommodation tax is not part of the booking total; you pay it at the hotel during your stay.',
    payAtHotelIfAny: 'Where the city charges accommodation tax, it is not part of this total; you pay it at the hotel during your stay.',
  },
} as const;

/** The guest's share of the booking total, as the hotel page shows it next to each plan's total. */
export const perPersonLine = (b: PriceBreakdown, lang: Lang): SafeHtml =>
  html`<div class="muted" data-testid="price-per-person">${TEXTS[lang].perPerson} ${yen(b.perPerson.total)}</div>`;

/**
 * A stay's price as a bill splits it, for a `dl.summary`. The booking total is what the
 * booking records; accommodation tax is listed after it because the hotel collects it.
 */
export function priceBreakdownRows(b: PriceBreakdown, lang: Lang, totalTestId = 'breakdown-total'): SafeHtml {
  const text = TEXTS[lang];
  return html`<dt>${text.roomCharge}</dt><dd>${yen(b.roomCharge)}</dd>
  ${b.serviceCharge > 0 ? html`<dt>${text.serviceCharge(b.serviceChargePercent)}</dt><dd>${yen(b.serviceCharge)}</dd>` : ''}
  <dt>${text.consumptionTax}</dt><dd>${yen(b.consumptionTax)}</dd>
  <dt>${text.total(b.serviceCharge > 0)}</dt><dd class="price" data-testid="${totalTestId}">${yen(b.total)}</dd>
  <dt>${text.perPerson}</dt><dd>${yen(b.perPerson.total)}</dd>
  ${
    b.accommodationTax > 0
      ? html`<dt>${text.accommodationTax}</dt><dd data-testid="accommodation-tax">${yen(b.accommodationTax)}</dd>
  <dt>${text.grandTotal}</dt><dd>${text.withPerPerson(yen(b.grandTotal), yen(b.perPerson.grandTotal))}</dd>`
      : ''
  }`;
}

export const payAtHotelText = (lang: Lang): string => TEXTS[lang].payAtHotel;

/** The breakdown folded under a plan's total on the hotel page; works without JavaScript. */
export function priceBreakdownDetails(b: PriceBreakdown, lang: Lang): SafeHtml {
  const text = TEXTS[lang];
  return html`<details data-testid="price-breakdown"><summary>${text.breakdown}</summary>
<dl class="summary">${priceBreakdownRows(b, lang)}</dl>
${b.accommodationTax > 0 ? html`<p class="muted">${payAtHotelText(lang)}</p>` : ''}
</details>`;
}

/**
 * Beside a booked total: the accommodation tax recorded with the booking, which the hotel
 * collects; for a booking from before it was recorded, that any is paid at the hotel.
 */
export function accommodationTaxRow(reservation: { accommodationTax: number | null; status: string }, lang: Lang): SafeHtml {
  const text = TEXTS[lang];
  if (reservation.status === 'cancelled' || reservation.accommodationTax === 0) return html``;
  if (reservation.accommodationTax === null) return html`<dt></dt><dd class="muted">${text.payAtHotelIfAny}</dd>`;
  return html`<dt>${text.accommodationTax}</dt><dd data-testid="accommodation-tax">${yen(reservation.accommodationTax)}</dd>`;
}
