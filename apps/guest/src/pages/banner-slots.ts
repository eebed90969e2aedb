import type { FastifyRequest } from 'fastify';
import { type Audience, BANNERS_EDGE_KEY, type BannerDocument, bannerImage, type BannerSlot, type BannersBySlot, liveBanners, nextBannerChange } from '@hatago/banners';
import { html, type SafeHtml } from '@hatago/platform/html';
import { readSessionCookie } from '@hatago/web-kit';
import type { GuestServices } from '../deps.ts';
import type { Lang } from './i18n.ts';
import { t } from './i18n.ts';
import type { GuestPage } from './page-kit.ts';
import { currentMember, MEMBER_COOKIE } from './member-session.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The draft document a preview link shows instead of the live one (see banner-preview.ts). */
    bannerDraft?: BannerDocument;
  }
}

/** What a page needs to show its slots, and how the banners bound its caching. */
export interface PageBanners {
  slots: BannersBySlot;
  /** Private for a preview or a signed-in member (member-targeted banners); public otherwise. */
  cache: GuestPage['cache'];
  /** The page must not be cached past the next start or end of a banner in its slots. */
  maxAgeSeconds?: number;
  surrogateKeys: string[];
}

/**
 * The banners a page shows: the draft of a preview link, else the live document; for the
 * page's language and area. Only when one of its slots holds a banner targeted by
 * membership does a page look at who is signed in: a member then gets a private page
 * (the edge passes requests carrying the member cookie), everyone else the public page
 * they all share. Otherwise a member sees the same public page as anyone.
 */
export async function bannersForPage(
  deps: Pick<GuestServices, 'banners' | 'database' | 'now'>,
  request: FastifyRequest,
  page: { lang: Lang; area: string | null; slots: readonly BannerSlot[] },
): Promise<PageBanners> {
  const now = deps.now();
  const document = request.bannerDraft ?? (await deps.banners.current()).document;
  const byMembership = document.banners.some((b) => page.slots.includes(b.slot) && b.target?.members !== undefined);
  const member = byMembership && readSessionCookie(request, MEMBER_COOKIE) !== undefined && (await currentMember(deps.database, request)) !== undefined;
  const audience: Audience = { lang: page.lang, area: page.area, member };
  const slots = liveBanners(document, now, audience);
  if (request.bannerDraft || member) return { slots, cache: 'private', surrogateKeys: [] };
  const next = nextBannerChange(document, now, page.slots);
  const maxAgeSeconds = next === undefined ? undefined : Math.floor((next.getTime() - now.getTime()) / 1000);
  return { slots, cache: 'public', surrogateKeys: [BANNERS_EDGE_KEY], ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}) };
}

const external = (link: string) => link.startsWith('https://');

/** How wide each slot's image is drawn, for the browser to pick from the srcset. */
const SLOT_SIZES: Record<BannerSlot, string> = {
  'home-hero': '(max-width: 60rem) 100vw, 60rem',
  'home-carousel': '(max-width: 40rem) 80vw, 20rem',
  'area-results': '(max-width: 60rem) 100vw, 60rem',
  'hotel-side': '(max-width: 40rem) 100vw, 20rem',
  'booking-confirmation': '(max-width: 60rem) 100vw, 60rem',
};

/** One slot's banners; nothing at all when the slot is empty, so pages look as before. */
export function bannerSlot(slot: BannerSlot, banners: PageBanners, lang: Lang): SafeHtml {
  const shown = banners.slots[slot];
  if (shown.length === 0) return html``;
  const sizes = SLOT_SIZES[slot];
  return html`<section class="banner-slot" data-slot="${slot}" aria-label="${t(lang).bannersLabel}"><ul>${shown.map((b) => {
    const image = bannerImage(b.image, 1200);
    return html`<li><a class="banner" data-banner-id="${b.id}" href="${b.link}"${external(b.link) ? html` rel="noopener"` : ''}>
  <img src="${image.src}"${image.srcset ? html` srcset="${image.srcset}" sizes="${sizes}" width="${image.width!}" height="${image.height!}"` : ''} alt="${b.alt}" loading="${slot === 'home-hero' ? 'eager' : 'lazy'}">
  <span class="caption">${b.caption}</span>
</a></li>`;
  })}</ul></section>`;
}

/** A page with its banners' bounds on caching: a private reason wins, the tags add up, the earliest expiry counts. */
export function withBanners(page: GuestPage, banners: PageBanners): GuestPage {
  if (page.cache === 'private' || banners.cache === 'private') return { ...page, cache: 'private' };
  const maxAgeSeconds = Math.min(page.maxAgeSeconds ?? Infinity, banners.maxAgeSeconds ?? Infinity);
  return {
    ...page,
    surrogateKeys: [...(page.surrogateKeys ?? []), ...banners.surrogateKeys],
    ...(Number.isFinite(maxAgeSeconds) ? { maxAgeSeconds } : {}),
  };
}
