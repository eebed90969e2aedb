import { photoIn } from '@hatago/images';
import { DINING_EDGE_KEYS, type DiningQuery, type RestaurantSearchItem, searchRestaurants } from '@hatago/dining';
import { EDGE_KEYS } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';
import type { HttpApp } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import { defaultDiningValues, diningForm, diningParams, readDiningQuery } from './dining-form.ts';
import { formatPrice, formatTime } from './formats.ts';
import { type Lang, langOf, t } from './i18n.ts';
import { link, otherLangOf, paramsOf, sendPage } from './page-kit.ts';
import { resultPhoto } from './photo-views.ts';

export function registerRestaurantSearchPage(app: HttpApp, { catalog, database }: GuestServices): void {
  app.get('/restaurants', async (request, reply) => {
    const query = paramsOf(request.query);
    const lang = langOf(query.lang);
    const text = t(lang);
    const areas = await catalog.listAreas(lang);
    // a bare /restaurants (the navigation's link) searches the defaults
    const values = { ...defaultDiningValues(), ...query };
    const page = (body: SafeHtml, status = 200) =>
      sendPage(reply, {
        lang,
        title: text.restaurantResults,
        cache: 'public',
        surrogateKeys: [DINING_EDGE_KEYS.search, EDGE_KEYS.areas],
        status,
        otherLang: otherLangOf(request, lang),
        body,
      });
    const { query: dining, errors } = readDiningQuery(values, lang);
    if (values.area && !areas.some((a) => a.id === values.area)) errors.push({ field: 'area', message: text.unknownArea });
    const form = diningForm({ action: '/restaurants', lang, values, errors, areas });
    if (!dining || errors.length > 0) return page(html`<h1>${text.findTable}</h1>${form}`, 422);

    const found = await searchRestaurants(database.db, dining);
    const areaName = new Map(areas.map((a) => [a.id, a.name]));
    return page(html`<h1>${text.restaurantResults}</h1>
${form}
<p>${text.restaurantsCount(found.length)}</p>
${found.length ? restaurantList(found, dining, lang, areaName) : html`<p class="notice">${text.noRestaurants}</p>`}`);
  });
}

function restaurantList(found: RestaurantSearchItem[], query: DiningQuery, lang: Lang, areaName: Map<string, string>): SafeHtml {
  const text = t(lang);
  const pageOf = (id: number, time?: string) => link(`/restaurants/${id}`, { ...diningParams(query), time }, lang);
  return html`<ol class="results">${found.map(
    (r) => html`<li class="card result" data-testid="restaurant-result">
  ${resultPhoto(r.cover && photoIn(r.cover, lang))}
  <div>
    <h2><a href="${pageOf(r.id)}">${r.name[lang]}</a></h2>
    <div class="muted">${areaName.get(r.areaId) ?? r.areaId} · ${text.cuisines[r.cuisine]} · ${text.priceBand(r.priceBand)}</div>
    <div class="times">${r.times.map((time) => html`<a class="button secondary" data-testid="restaurant-time" href="${pageOf(r.id, time)}#seatings">${formatTime(lang, time)}</a> `)}</div>
  </div>
  <div>${r.minPrice === null ? html`<div class="muted">${text.seatOnlyAvailable}</div>` : html`<div>${text.coursesFrom} <span class="price">${formatPrice(lang, r.minPrice)}</span></div><div class="muted">${text.perPerson}</div>`}</div>
</li>`,
  )}</ol>`;
}
