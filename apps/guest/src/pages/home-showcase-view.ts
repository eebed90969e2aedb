import type { CollectionShowcase, HomeShowcase } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';
import { type Lang, t } from './i18n.ts';
import { link } from './page-kit.ts';

export const SHOWCASE_CSS = `
.area-tiles,.collection-hotels{list-style:none;padding:0;margin:0}
.area-tiles{display:grid;gap:.5rem;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr))}
.area-tiles a{display:block;padding:.75rem 1rem;border:1px solid var(--line);border-radius:6px;background:#fff;text-decoration:none}
.area-tiles strong{display:block}
.collections{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr))}
.collections h3{margin-top:0}
.collection-hotels li{margin:.25rem 0}
`;

/** The home page's featured areas and seasonal collections, each a link into the search that finds them. */
export function homeShowcaseSections(showcase: HomeShowcase, lang: Lang): SafeHtml {
  const text = t(lang);
  return html`${
    showcase.areas.length
      ? html`<section aria-labelledby="featured-areas">
<h2 id="featured-areas">${text.featuredAreas}</h2>
<ul class="area-tiles" role="list">${showcase.areas.map(
          (area) => html`<li><a href="${link('/search', { area: area.id }, lang)}" data-testid="featured-area"><strong>${area.name}</strong> <span class="muted">${text.hotelsInArea(area.hotels)}</span></a></li>`,
        )}</ul>
</section>`
      : ''
  }
${
  showcase.collections.length
    ? html`<section aria-labelledby="collections">
<h2 id="collections">${text.collections}</h2>
<div class="collections">${showcase.collections.map((collection) => collectionCard(collection, lang))}</div>
</section>`
    : ''
}`;
}

function collectionCard(collection: CollectionShowcase, lang: Lang): SafeHtml {
  const text = t(lang);
  const heading = `collection-${collection.id}`;
  return html`<article class="card" aria-labelledby="${heading}" data-testid="collection">
<h3 id="${heading}">${collection.title} <span class="muted">${text.collectionHotels(collection.total)}</span></h3>
<p>${collection.lead}</p>
<ul class="collection-hotels" role="list">${collection.hotels.map(
    (hotel) => html`<li><a href="${link(`/hotels/${hotel.id}`, {}, lang)}">${hotel.name}</a> <span class="muted">${hotel.areaName}</span></li>`,
  )}</ul>
<p><a href="${link('/search', { amenities: collection.amenity }, lang)}">${text.seeCollection(collection.title)}</a></p>
</article>`;
}
