import type { HotelSearchResult, Stay } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';
import { type Lang, t } from './i18n.ts';
import { photoImage } from './photo-views.ts';
import { amenityHighlights, hotelHref, priceFrom, type HotelResult } from './search-result-parts.ts';
import { starRating } from './star-rating.ts';

/**
 * The photo-grid design of the hotel search results, released behind the `new-search` flag:
 * one to three columns as the screen beside the filter panel allows. Each card is one link, its heading's, stretched
 * over the whole card, so a keyboard stops once per hotel and the card shows the focus; the
 * heading comes first for a screen reader, the photo first for the eye.
 */
export const SEARCH_GRID_CSS = `
.result-grid{list-style:none;padding:0;margin:1rem 0;display:grid;gap:1.5rem;grid-template-columns:1fr}
@media (min-width:40rem){.result-grid{grid-template-columns:repeat(2,minmax(0,1fr))}}
@media (min-width:72rem){.result-grid{grid-template-columns:repeat(3,minmax(0,1fr))}}
.grid-card{position:relative;display:flex;flex-direction:column;background:#fff;border:1px solid var(--line);border-radius:8px;overflow:hidden}
.grid-card:hover{box-shadow:0 6px 20px rgb(0 0 0 / .1)}
.grid-card:focus-within{outline:3px solid var(--accent);outline-offset:3px}
.grid-photo{order:-1;display:block;width:100%;height:auto;aspect-ratio:4/3;object-fit:cover;background:var(--line)}
.grid-body{flex:1;display:flex;flex-direction:column;gap:.25rem;padding:1rem 1.25rem 1.25rem}
.grid-body h2{margin:0;font-size:1.15rem;line-height:1.4}
.grid-link{color:var(--ink);text-decoration:none}
.grid-link:focus{outline:none}
.grid-link::after{content:"";position:absolute;inset:0}
.grid-body .price{font-size:1.2rem}
.grid-body .button{margin-top:auto;align-self:flex-start}
.grid-body div:last-of-type{margin-bottom:.75rem}
@media (prefers-reduced-motion:no-preference){.grid-card{transition:box-shadow .2s}}
`;

// as wide as the grid draws a photo beside the filter panel (16rem from 56rem up): a third of what is left of the
// page, half of it, half the screen below the panel, or the whole screen
const PHOTO_SIZES = '(min-width: 72rem) 17rem, (min-width: 56rem) calc(50vw - 11rem), (min-width: 40rem) 47vw, 100vw';

export function resultGrid(result: HotelSearchResult, stay: Stay, lang: Lang): SafeHtml {
  return html`<ol class="result-grid" data-design="grid">${result.items.map((hotel, index) => gridCard(hotel, stay, lang, index === 0))}</ol>`;
}

function gridCard(hotel: HotelResult, stay: Stay, lang: Lang, first: boolean): SafeHtml {
  const text = t(lang);
  return html`<li class="grid-card" data-testid="hotel-result">
  <div class="grid-body">
    <h2><a class="grid-link" href="${hotelHref(hotel, stay, lang)}">${hotel.name}</a></h2>
    <div class="muted">${hotel.areaName} ${starRating(hotel.stars, lang)}</div>
    ${amenityHighlights(hotel, lang)}
    ${priceFrom(hotel, stay, lang)}
    <span class="button" aria-hidden="true">${text.viewHotel}</span>
  </div>
  ${
    hotel.photo
      ? photoImage(hotel.photo, { sizes: PHOTO_SIZES, defaultWidth: 640, eager: first, className: 'grid-photo' })
      : html`<div class="grid-photo" aria-hidden="true"></div>`
  }
</li>`;
}
