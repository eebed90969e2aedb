import { readFileSync } from 'node:fs';
import { runtimeFilePath } from '@hatago/platform/runtime-files';

/**
 * The JSON Schema a banner document must pass, kept in the repository
 * (packages/banners/schema/banner-document.schema.json) and served as it is at
 * /api/v1/banners/schema.json; the types below follow it.
 */
export const BANNER_SCHEMA_TEXT = readFileSync(runtimeFilePath('packages/banners/schema/banner-document.schema.json'), 'utf8');
export const BANNER_SCHEMA = JSON.parse(BANNER_SCHEMA_TEXT) as Record<string, unknown>;

/** The guest site's banner slots, in the order its pages show them (the schema's `slot` enum; a test holds them equal). */
export const BANNER_SLOTS = ['home-hero', 'home-carousel', 'area-results', 'hotel-side', 'booking-confirmation'] as const;
export type BannerSlot = (typeof BANNER_SLOTS)[number];

/** How many banners each slot shows at most, highest priority first. */
export const SLOT_CAPACITY: Record<BannerSlot, number> = {
  'home-hero': 1,
  'home-carousel': 5,
  'area-results': 1,
  'hotel-side': 1,
  'booking-confirmation': 1,
};

export type BannerLang = 'ja' | 'en';
export type LocalisedText = Record<BannerLang, string>;

export interface Banner {
  id: string;
  slot: BannerSlot;
  /** An uploaded image's key or an https URL: see `imageSource`. */
  image: string;
  /** A path on this site or an https URL. */
  link: string;
  alt: LocalisedText;
  caption: LocalisedText;
  /** ISO 8601 with offset; the banner shows from start (inclusive) to end (exclusive). */
  start: string;
  end: string;
  priority: number;
  target?: { areas?: string[]; lang?: BannerLang; members?: boolean };
}

export interface BannerDocument {
  banners: Banner[];
}

export const EMPTY_DOCUMENT_TEXT = '{ "banners": [] }\n';
