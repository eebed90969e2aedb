import { AMENITIES, type HotelFacets, type HotelFilters, type HotelSort, type Stay } from '@hatago/catalog';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { errorFor, field, select, yen } from '@hatago/web-kit';
import { type Lang, t } from './i18n.ts';
import { hidden, langField, link } from './page-kit.ts';
import { stayParams } from './stay-form.ts';
import { starRating } from './star-rating.ts';

/** What every search link and form carries besides the stay: the area, the filters and a tester's preview. */
export interface SearchState {
  area: string | undefined;
  stay: Stay;
  filters: HotelFilters;
  sort: HotelSort;
  preview: string | undefined;
}

export const filterParams = (f: HotelFilters) => ({ minPrice: f.minPrice, maxPrice: f.maxPrice, stars: f.stars, meals: f.meals, amenities: f.amenities });

export const SEARCH_FILTERS_CSS = `
.search-layout{display:grid;gap:1.5rem;grid-template-columns:minmax(0,1fr);margin-top:1rem}
@media (min-width:56rem){.search-layout{grid-template-columns:16rem minmax(0,1fr)}}
.filters{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem;align-self:start}
.filters h2{font-size:1.1rem;margin:0 0 .5rem}
.filters fieldset{border:0;border-top:1px solid var(--line);margin:0;padding:.75rem 0}
.filters legend{font-weight:700;padding:0}
.filters .option{display:flex;gap:.5rem;align-items:baseline;margin:.25rem 0}
.filters .option .count{margin-left:auto;color:var(--muted);font-size:.9rem;white-space:nowrap}
.filters .price-range{display:flex;gap:.5rem}
.filters .price-range label{flex:1}
.filters .price-range input{width:100%;box-sizing:border-box}
.sort-form{display:flex;gap:.5rem;align-items:flex-end;flex-wrap:wrap}
`;

const SORT_LABELS = (lang: Lang): Record<HotelSort, string> => {
  const text = t(lang);
  return { recommended: text.sortRecommended, price: text.sortPrice, price_desc: text.sortPriceDesc, stars: text.sortStars };
};

/** The sort order as a select, a plain GET form keeping the search and its filters. */
export function sortForm(state: SearchState, lang: Lang): SafeHtml {
  const labels = SORT_LABELS(lang);
  return html`<form class="sort-form" method="get" action="/search">
  ${select({ name: 'sort', label: t(lang).sortBy, value: state.sort, options: (Object.keys(labels) as HotelSort[]).map((s) => ({ value: s, label: labels[s] })) })}
  ${hidden({ area: state.area, ...stayParams(state.stay), ...filterParams(state.filters), preview: state.preview })}${langField(lang)}
  <button type="submit" class="secondary">${t(lang).applySort}</button>
</form>`;
}

/**
 * The filter panel: a plain GET form (no script needed), each group a fieldset with its
 * legend, each option labelled with how many hotels choosing it would leave.
 */
export function filterPanel(state: SearchState, facets: HotelFacets, errors: FieldError[], lang: Lang): SafeHtml {
  const text = t(lang);
  const f = state.filters;
  const option = (name: string, value: string | number, label: SafeHtml | string, count: number, checked: boolean) =>
    html`<label class="option"><input type="checkbox" name="${name}" value="${value}"${checked ? html` checked` : ''}> <span>${label}</span> <span class="count">${text.optionCount(count)}</span></label>`;
  const groupError = (name: string) => {
    const message = errorFor(errors, name);
    return message ? html`<p class="error-text">${message}</p>` : '';
  };
  const clear = link('/search', { area: state.area, ...stayParams(state.stay), sort: state.sort === 'recommended' ? undefined : state.sort, preview: state.preview }, lang);
  return html`<form class="filters" method="get" action="/search" aria-labelledby="filters-heading">
  <h2 id="filters-heading">${text.filtersHeading}</h2>
  <p><a href="#results">${text.skipToResults}</a></p>
  ${hidden({ area: state.area, ...stayParams(state.stay), sort: state.sort === 'recommended' ? undefined : state.sort, preview: state.preview })}${langField(lang)}
  <fieldset>
    <legend>${text.priceFilter}</legend>
    <div class="price-range">
      ${field({ name: 'minPrice', label: text.minPrice, type: 'number', value: f.minPrice ?? null, attrs: { min: 0, placeholder: facets.price ? String(facets.price.min) : undefined } }, errors)}
      ${field({ name: 'maxPrice', label: text.maxPrice, type: 'number', value: f.maxPrice ?? null, attrs: { min: 0, placeholder: facets.price ? String(facets.price.max) : undefined } }, errors)}
    </div>
    ${facets.price ? html`<p class="muted">${text.priceSpan(yen(facets.price.min), yen(facets.price.max))}</p>` : ''}
  </fieldset>
  <fieldset>
    <legend>${text.starsFilter}</legend>${groupError('stars')}
    ${facets.stars.map((s) => option('stars', s.value, starRating(s.value, lang), s.count, f.stars.includes(s.value)))}
  </fieldset>
  <fieldset>
    <legend>${text.mealsFilter}</legend>${groupError('meals')}
    ${facets.meals.map((m) => option('meals', m.value, text.meals[m.value] ?? m.value, m.count, f.meals.includes(m.value)))}
  </fieldset>
  <fieldset>
    <legend>${text.amenitiesFilter}</legend>${groupError('amenities')}
    ${facets.amenities.map((a) => option('amenities', a.value, AMENITIES[a.value][lang], a.count, f.amenities.includes(a.value)))}
  </fieldset>
  <button type="submit">${text.applyFilters}</button>
  <p><a href="${clear}">${text.clearFilters}</a></p>
</form>`;
}
