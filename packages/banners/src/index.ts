export { BannersErrors } from './banners-errors.ts';
export type { BannersTables } from './banners-tables.ts';
export { bannersMigrations } from './migrations/index.ts';
export {
  BANNER_SCHEMA,
  BANNER_SCHEMA_TEXT,
  BANNER_SLOTS,
  EMPTY_DOCUMENT_TEXT,
  SLOT_CAPACITY,
  type Banner,
  type BannerDocument,
  type BannerLang,
  type BannerSlot,
} from './document/banner-document.ts';
export { checkBannerDocument, type DocumentCheck, type DocumentError } from './document/validate-document.ts';
export { bannerImage, isImageKey, type BannerImage } from './document/image-source.ts';
export { liveBanners, nextBannerChange, type Audience, type BannersBySlot, type ShownBanner } from './live/live-banners.ts';
export { BannerChanges, bannerEdgeKeys, BANNERS_EDGE_KEY, BANNERS_NAMESPACE, type BannersPublished } from './banner-changes.ts';
export { diffDocuments, type DiffEntry } from './versions/document-diff.ts';
export {
  diffBannerVersions,
  getBannerVersion,
  listBannerVersions,
  liveVersion,
  publishBannerDocument,
  requireValidDocument,
  rollBackBanners,
  type BannerVersion,
  type BannersContext,
  type PublishAction,
} from './versions/banner-versions.ts';
export { getBannerDraft, publishBannerDraft, saveBannerDraft, type BannerDraft } from './drafts/banner-drafts.ts';
export { PreviewTokens } from './drafts/preview-token.ts';
export { LiveBannerDocument, type LiveDocument } from './live/live-document.ts';
