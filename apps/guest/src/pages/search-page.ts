import { EDGE_KEYS, type HotelSort, hotelSortOf, readHotelFilters } from '@hatago/catalog';
import { PREVIEW_QUERY } from '@hatago/flags';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import type { HttpApp } from '@hatago/platform/http';
import { pagination } from '@hatago/web-kit';
import type { GuestServices } from '../deps.ts';
import { langOf, t } from './i18n.ts';
import { bannerSlot, bannersForPage, withBanners } from './banner-slots.ts';
import { link, localiseErrors, otherLangOf, paramsOf, sendPage } from './page-kit.ts';
import { defaultDiningValues, diningForm } from './dining-form.ts';
import { type SearchDesign, searchDesignFor } from './search-design.ts';
import { filterPanel, filterParams, SEARCH_FILTERS_CSS, type SearchState, sortForm } from './search-filters-view.ts';
import { defaultStayValues, readStay, stayForm, stayParams } from './stay-form.ts';
import { homeShowcaseSections, SHOWCASE_CSS } from './home-showcase-view.ts';

export const SEARCH_PAGE_SIZE = 10;

const pageOf = (value: string | undefined): number => (value && /^\d{1,4}$/.test(value) ? Math.max(1, Number(value)) : 1);

export function registerSearchPages(app: HttpApp, deps: GuestServices): void {
  const { catalog } = deps;
  app.get('/', async (request, reply) => {
    const lang = langOf(paramsOf(request.query).lang);
    const [areas, showcase, banners] = await Promise.all([
      catalog.listAreas(lang),
      catalog.homeShowcase(lang),
      bannersForPage(deps, request, { lang, area: null, slots: ['home-hero', 'home-carousel'] }),
    ]);
    return sendPage(
      reply,
      withBanners(
        {
          lang,
          title: t(lang).findStay,
          cache: 'public',
          // the showcase counts and names hotels: every change of kind 'hotel' purges this key (edgeKeysOf)
          surrogateKeys: [EDGE_KEYS.areas],
          otherLang: otherLangOf(request, lang),
          css: SHOWCASE_CSS,
          body: html`${bannerSlot('home-hero', banners, lang)}
<h1>${t(lang).findStay}</h1>
${stayForm({ action: '/search', lang, values: defaultStayValues(), areas })}
<h2>${t(lang).findTable}</h2>
${diningForm({ action: '/restaurants', lang, values: defaultDiningValues(), areas })}
${bannerSlot('home-carousel', banners, lang)}
${homeShowcaseSections(showcase, lang)}`,
        },
        banners,
      ),
    );
  });

  app.get('/search', async (request, reply) => {
    const query = paramsOf(request.query);
    const lang = langOf(query.lang);
    const text = t(lang);
    // filters repeat their names (a checkbox per value): read from the query as sent, not its first values
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const filterRead = readHotelFilters({ minPrice: raw.minPrice, maxPrice: raw.maxPrice, stars: raw.stars, meals: raw.meals, amenities: raw.amenities });
    const filters = filterRead.filters;
    const filterErrors = localiseErrors(lang, filterRead.errors);
    const requestedSort = query.sort ? hotelSortOf(query.sort) : 'recommended';
    const sort: HotelSort = requestedSort ?? 'recommended';
    const areas = await catalog.listAreas(lang);
    // a bare /search (a bookmark, a typed URL) searches the defaults the home page offers
    const values = { ...defaultStayValues(), ...query };
    const area = query.area || undefined;
    // a tester's ?preview= rides along on sorting, paging and a new search: the design they look at stays
    const preview = query[PREVIEW_QUERY] || undefined;
    const banners = await bannersForPage(deps, request, { lang, area: area ?? null, slots: ['area-results'] });
    const page = (body: SafeHtml, options: { status?: number; design?: SearchDesign } = {}) =>
      sendPage(
        reply,
        withBanners(
          {
            lang,
            title: text.searchResults,
            cache: options.design?.cache ?? 'public',
            surrogateKeys: [EDGE_KEYS.search, EDGE_KEYS.areas],
            status: options.status ?? 200,
            otherLang: otherLangOf(request, lang),
            body,
            css: SEARCH_FILTERS_CSS + (options.design?.css ?? ''),
          },
          banners,
        ),
      );
    const form = (errors: FieldError[] = []) =>
      stayForm({ action: '/search', lang, values, errors, areas, keep: { sort: sort === 'recommended' ? undefined : sort, ...filterParams(filters), preview } });

    const { stay, errors } = readStay(values, lang);
    if (area !== undefined && !areas.some((a) => a.id === area)) errors.push({ field: 'area', message: text.unknownArea });
    if (!stay || errors.length > 0) return page(html`<h1>${text.findStay}</h1>${form(errors)}`, { status: 422 });

    const current = pageOf(query.page);
    const [result, design] = await Promise.all([
      catalog.searchHotels({ ...stay, area, sort, page: current, pageSize: SEARCH_PAGE_SIZE, filters }, lang),
      searchDesignFor(deps, request),
    ]);
    const state: SearchState = { area, stay, filters, sort, preview };
    const pageLink = (n: number) =>
      link('/search', { area, ...stayParams(stay), ...filterParams(filters), sort: sort === 'recommended' ? undefined : sort, page: n, preview }, lang);
    const leftOut = [...filterErrors.map((e) => e.message), ...(requestedSort === undefined ? [text.unknownSort] : [])];
    return page(
      html`<h1>${text.searchResults}</h1>
${form()}
${leftOut.length ? html`<div class="alert" role="alert"><p>${text.filtersLeftOut}</p><ul>${leftOut.map((m) => html`<li>${m}</li>`)}</ul></div>` : ''}
${bannerSlot('area-results', banners, lang)}
<div class="search-layout">
${filterPanel(state, result.facets, filterErrors, lang)}
<div id="results">
  <p>${text.resultsCount(result.total)}</p>
  ${sortForm(state, lang)}
  ${result.items.length ? design.results(result, stay, lang) : html`<p class="notice">${text.noResults}</p>`}
  ${pagination({ page: current, pageSize: SEARCH_PAGE_SIZE, total: result.total, link: pageLink, labels: t(lang) })}
</div>
</div>`,
      { design },
    );
  });
}
