import { getBannerDraft } from '@hatago/banners';
import type { HttpApp } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';
import { langOf, t } from './i18n.ts';
import { notFoundPage, paramsOf } from './page-kit.ts';
import { registerHotelPage } from './hotel-page.ts';
import { registerSearchPages } from './search-page.ts';

/** Where the operator console's preview links open the guest pages that show banners. */
export const BANNER_PREVIEW_PREFIX = '/banner-preview/:token';

/**
 * The real guest pages (home, search, hotel) rendered with a draft banner document instead
 * of the live one, for whoever holds a signed preview link. Every answer is private and
 * unstorable (the pages see the draft and go private), and the edge passes this path, so
 * a draft never reaches a shared cache or another visitor.
 */
export function registerBannerPreview(preview: HttpApp, deps: GuestServices): void {
  preview.addHook('preHandler', async (request, reply) => {
    reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');
    const draftId = deps.previews.draftOf((request.params as { token?: string }).token ?? '');
    const draft = draftId === undefined ? undefined : await getBannerDraft(deps.database.db, draftId).catch(() => undefined);
    if (!draft) {
      const lang = langOf(paramsOf(request.query).lang);
      return reply.send(notFoundPage(reply, lang, t(lang).previewExpired, 'private'));
    }
    request.bannerDraft = draft.document;
  });
  registerSearchPages(preview, deps);
  registerHotelPage(preview, deps);
}
