import { AMENITIES, type HotelSearchResult, type Stay } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';
import { yen } from '@hatago/web-kit';
import { type Lang, t } from './i18n.ts';
import { link } from './page-kit.ts';
import { stayParams } from './stay-form.ts';

/** What every design of the hotel search results shows of each hotel. */
export type HotelResult = HotelSearchResult['items'][number];

/** The hotel's page for the same stay, where its rooms and plans are. */
export const hotelHref = (hotel: HotelResult, stay: Stay, lang: Lang): string => link(`/hotels/${hotel.id}`, stayParams(stay), lang);

/** The lowest total for the whole stay, and what it covers. */
export function priceFrom(hotel: HotelResult, stay: Stay, lang: Lang): SafeHtml {
  const text = t(lang);
  return html`<div>${text.totalFrom} <span class="price">${yen(hotel.minTotalPrice)}</span></div>
    <div class="muted">${text.forStay(stay.nights, stay.rooms)}</div>`;
}

/** A few of what the hotel offers, in the amenity list's order (hot springs and lounges first). */
const HIGHLIGHTS = 4;

export function amenityHighlights(hotel: HotelResult, lang: Lang): SafeHtml {
  if (hotel.amenities.length === 0) return html``;
  return html`<ul class="amenity-tags" aria-label="${t(lang).amenityHighlights}">${hotel.amenities
    .slice(0, HIGHLIGHTS)
    .map((code) => html`<li>${AMENITIES[code][lang]}</li>`)}</ul>`;
}
