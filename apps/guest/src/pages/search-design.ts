import type { FastifyRequest } from 'fastify';
import type { HotelSearchResult, Stay } from '@hatago/catalog';
import type { SafeHtml } from '@hatago/platform/html';
import type { GuestServices } from '../deps.ts';
import { featureFor } from '../features/flag-context.ts';
import { FLAG_KEYS } from '../features/flag-keys.ts';
import type { Lang } from './i18n.ts';
import type { GuestPage } from './page-kit.ts';
import { resultGrid, SEARCH_GRID_CSS } from './search-grid-view.ts';
import { resultList } from './search-list-view.ts';

/** How a search results page draws its hotels, and what that choice means for the page. */
export interface SearchDesign {
  results: (result: HotelSearchResult, stay: Stay, lang: Lang) => SafeHtml;
  css?: string;
  /**
   * A design the visitor's cookie or a preview chose is theirs alone: the shared caches'
   * keys say nothing of either. One the edge chose is stored under the edge's key, and one
   * the same for everyone is as public as the page always was.
   */
  cache: GuestPage['cache'];
}

/** The photo grid while `new-search` is on for this request, else the list. */
export async function searchDesignFor(deps: Pick<GuestServices, 'features'>, request: FastifyRequest): Promise<SearchDesign> {
  const decision = await featureFor(deps, request, FLAG_KEYS.newSearch);
  const cache = decision.perVisitor ? 'private' : 'public';
  return decision.on ? { results: resultGrid, css: SEARCH_GRID_CSS, cache } : { results: resultList, cache };
}
