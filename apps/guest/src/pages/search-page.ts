import { EDGE_KEYS, type HotelSearchResult, type HotelSort, type Stay } from '@hatago/catalog';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import type { HttpApp } from '@hatago/platform/http';
import { pagination, yen } from '@hatago/web-kit';
import type { GuestServices } from '../deps.ts';
import { type Lang, langOf, t } from './i18n.ts';
import { link, otherLangOf, paramsOf, sendPage } from './page-kit.ts';
import { defaultDiningValues, diningForm } from './dining-form.ts';
import { resultPhoto } from './photo-views.ts';
import { defaultStayValues, readStay, stayForm, stayParams } from './stay-form.ts';

export const SEARCH_PAGE_SIZE = 10;

const sortOf = (value: string | undefined): HotelSort => (value === 'price' ? 'price' : 'recommended');
const pageOf = (value: string | undefined): number => (value && /^\d{1,4}$/.test(value) ? Math.max(1, Number(value)) : 1);

export function registerSearchPages(app: HttpApp, { catalog }: GuestServices): void {
  app.get('/', async (request, reply) => {
    const lang = langOf(paramsOf(request.query).lang);
    const areas = await catalog.listAreas(lang);
    return sendPage(reply, {
      lang,
      title: t(lang).findStay,
      cache: 'public',
      surrogateKeys: [EDGE_KEYS.areas],
      otherLang: otherLangOf(request, lang),
      body: html`<h1>${t(lang).findStay}</h1>
${stayForm({ action: '/search', lang, values: defaultStayValues(), areas })}
<h2>${t(lang).findTable}</h2>
${diningForm({ action: '/restaurants', lang, values: defaultDiningValues(), areas })}`,
    });
  });

  app.get('/search', async (request, reply) => {
    const query = paramsOf(request.query);
    const lang = langOf(query.lang);
    const text = t(lang);
    const areas = await catalog.listAreas(lang);
    // a bare /search (a bookmark, a typed URL) searches the defaults the home page offers
    const values = { ...defaultStayValues(), ...query };
    const page = (body: SafeHtml, status = 200) =>
      sendPage(reply, { lang, title: text.searchResults, cache: 'public', surrogateKeys: [EDGE_KEYS.search, EDGE_KEYS.areas], status, otherLang: otherLangOf(request, lang), body });
    const form = (errors: FieldError[] = []) =>
      stayForm({ action: '/search', lang, values, errors, areas, keep: { sort: query.sort === 'price' ? 'price' : undefined } });

    const { stay, errors } = readStay(values, lang);
    const area = query.area || undefined;
    if (area !== undefined && !areas.some((a) => a.id === area)) errors.push({ field: 'area', message: text.unknownArea });
    if (!stay || errors.length > 0) return page(html`<h1>${text.findStay}</h1>${form(errors)}`, 422);

    const sort = sortOf(query.sort);
    const current = pageOf(query.page);
    const result = await catalog.searchHotels({ ...stay, area, sort, page: current, pageSize: SEARCH_PAGE_SIZE }, lang);
    const searchLink = (changes: { sort?: HotelSort; page?: number }) =>
      link('/search', { area, ...stayParams(stay), sort: changes.sort ?? sort, page: changes.page ?? current }, lang);
    return page(html`<h1>${text.searchResults}</h1>
${form()}
<p>${text.resultsCount(result.total)}</p>
<nav class="pagination" aria-label="${text.sortBy}">
  ${text.sortBy}:
  ${(['recommended', 'price'] as const).map((option) => {
    const label = option === 'price' ? text.sortPrice : text.sortRecommended;
    return option === sort
      ? html`<strong aria-current="true">${label}</strong>`
      : html`<a href="${searchLink({ sort: option, page: 1 })}">${label}</a>`;
  })}
</nav>
${result.items.length ? resultList(result, stay, lang) : html`<p class="notice">${text.noResults}</p>`}
${pagination({ page: current, pageSize: SEARCH_PAGE_SIZE, total: result.total, link: (n) => searchLink({ page: n }), labels: t(lang) })}`);
  });
}

function resultList(result: HotelSearchResult, stay: Stay, lang: Lang): SafeHtml {
  const text = t(lang);
  return html`<ol class="results">${result.items.map(
    (hotel) => html`<li class="card result" data-testid="hotel-result">
  ${resultPhoto(hotel.photo)}
  <div>
    <h2><a href="${link(`/hotels/${hotel.id}`, stayParams(stay), lang)}">${hotel.name}</a></h2>
    <div class="muted">${hotel.areaName} <span class="stars" aria-label="${hotel.stars}">${text.stars(hotel.stars)}</span></div>
  </div>
  <div>
    <div>${text.totalFrom} <span class="price">${yen(hotel.minTotalPrice)}</span></div>
    <div class="muted">${text.forStay(stay.nights, stay.rooms)}</div>
    <a class="button" href="${link(`/hotels/${hotel.id}`, stayParams(stay), lang)}">${text.viewHotel}</a>
  </div>
</li>`,
  )}</ol>`;
}
