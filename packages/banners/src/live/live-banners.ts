import { type Banner, type BannerDocument, type BannerLang, BANNER_SLOTS, type BannerSlot, SLOT_CAPACITY } from '../document/banner-document.ts';

/** A banner as one visitor sees it: texts in their language. */
export interface ShownBanner {
  id: string;
  slot: BannerSlot;
  image: string;
  link: string;
  alt: string;
  caption: string;
  priority: number;
  start: string;
  end: string;
  target: NonNullable<Banner['target']>;
}

export type BannersBySlot = Record<BannerSlot, ShownBanner[]>;

/** Who is looking: a page knows its language, its area (or that it has none) and whether a member is signed in. */
export interface Audience {
  lang: BannerLang;
  area: string | null;
  member: boolean;
}

const isLive = (banner: Banner, at: Date) => Date.parse(banner.start) <= at.getTime() && at.getTime() < Date.parse(banner.end);

/** Every condition the banner's target sets must hold for the audience; an absent one holds for all. */
function reaches(banner: Banner, audience: Partial<Audience> & { lang: BannerLang }): boolean {
  const target = banner.target ?? {};
  if (target.lang !== undefined && target.lang !== audience.lang) return false;
  if (target.areas !== undefined && audience.area !== undefined && (audience.area === null || !target.areas.includes(audience.area))) return false;
  if (target.members !== undefined && audience.member !== undefined && target.members !== audience.member) return false;
  return true;
}

/**
 * The banners live at `at`, per slot, highest priority first (then document order), at most
 * each slot's capacity. An audience field left out does not filter: the public API knows
 * only the language and hands each banner's target to its client.
 */
export function liveBanners(document: BannerDocument, at: Date, audience: Partial<Audience> & { lang: BannerLang }): BannersBySlot {
  const slots = Object.fromEntries(BANNER_SLOTS.map((slot) => [slot, [] as ShownBanner[]])) as BannersBySlot;
  const chosen = document.banners
    .map((banner, order) => ({ banner, order }))
    .filter(({ banner }) => isLive(banner, at) && reaches(banner, audience))
    .sort((a, b) => b.banner.priority - a.banner.priority || a.order - b.order);
  for (const { banner } of chosen) {
    const slot = slots[banner.slot];
    if (slot.length >= SLOT_CAPACITY[banner.slot]) continue;
    slot.push({
      id: banner.id,
      slot: banner.slot,
      image: banner.image,
      link: banner.link,
      alt: banner.alt[audience.lang],
      caption: banner.caption[audience.lang],
      priority: banner.priority,
      start: banner.start,
      end: banner.end,
      target: banner.target ?? {},
    });
  }
  return slots;
}

/**
 * The next instant after `at` when some banner of the given slots starts or ends: a page
 * showing those slots must not be cached past it, or a banner would outstay its end or
 * arrive late. Undefined when nothing is scheduled.
 */
export function nextBannerChange(document: BannerDocument, at: Date, slots: readonly BannerSlot[] = BANNER_SLOTS): Date | undefined {
  let next: number | undefined;
  for (const banner of document.banners) {
    if (!slots.includes(banner.slot)) continue;
    for (const instant of [Date.parse(banner.start), Date.parse(banner.end)]) {
      if (instant > at.getTime() && (next === undefined || instant < next)) next = instant;
    }
  }
  return next === undefined ? undefined : new Date(next);
}
