import { BANNER_SCHEMA } from './banner-document.ts';

/**
 * The one place that tells an uploaded image's key from an https URL. The key format is
 * packages/images' (`<owner>/<hash>-<w>x<h>.<ext>`), read from the schema's `imageKey` so
 * validation and rendering cannot disagree.
 */
const KEY = new RegExp(((BANNER_SCHEMA.$defs as Record<string, { pattern: string }>).imageKey!).pattern);

export const isImageKey = (image: string): boolean => KEY.test(image);

/** Where a page loads the banner's image from: the guest image route for a key, the URL itself otherwise. */
export const imageSource = (image: string, width: number): string =>
  isImageKey(image) ? `/images/${image}?w=${width}` : image;
