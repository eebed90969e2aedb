import { parseImageKey, responsiveImage } from '@hatago/images';

/**
 * The one place that tells an uploaded image's key from an https URL: packages/images
 * decides what a key is (the schema's `imageKey` pattern spells the same format for
 * editors' tools; a test holds the two equal).
 */
export const isImageKey = (image: string): boolean => parseImageKey(image) !== undefined;

export interface BannerImage {
  src: string;
  /** Widths the image route offers, with the image's own size, for a stored image; none for a URL. */
  srcset?: string;
  width?: number;
  height?: number;
}

/** How a page loads a banner's image: through the resizing image route for a key, from the URL itself otherwise. */
export function bannerImage(image: string, defaultWidth: number): BannerImage {
  return responsiveImage(image, defaultWidth) ?? { src: image };
}
