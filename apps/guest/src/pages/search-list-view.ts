import type { HotelSearchResult, Stay } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';
import { type Lang, t } from './i18n.ts';
import { resultPhoto } from './photo-views.ts';
import { amenityHighlights, hotelHref, priceFrom } from './search-result-parts.ts';
import { starRating } from './star-rating.ts';

/** The hotel search results as a list of cards, a small photo beside each: the design the guest site has always had. */
export function resultList(result: HotelSearchResult, stay: Stay, lang: Lang): SafeHtml {
  const text = t(lang);
  return html`<ol class="results" data-design="list">${result.items.map(
    (hotel) => html`<li class="card result" data-testid="hotel-result">
  ${resultPhoto(hotel.photo)}
  <div>
    <h2><a href="${hotelHref(hotel, stay, lang)}">${hotel.name}</a></h2>
    <div class="muted">${hotel.areaName} ${starRating(hotel.stars, lang)}</div>
    ${amenityHighlights(hotel, lang)}
  </div>
  <div>
    ${priceFrom(hotel, stay, lang)}
    <a class="button" href="${hotelHref(hotel, stay, lang)}">${text.viewHotel}</a>
  </div>
</li>`,
  )}</ol>`;
}
