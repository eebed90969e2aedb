/** What an upload may be. Callers may tighten or loosen them (tests do); these are the defaults. */
export interface ImageLimits {
  /** Bytes of the uploaded file. */
  maxBytes: number;
  /**
   * Width × height the file declares, checked before any pixel is decoded and again by
   * libvips while decoding (sharp's limitInputPixels): a 100-byte PNG declaring
   * 100,000 × 100,000 pixels would otherwise ask for 40 GB.
   */
  maxPixels: number;
  /** Shortest side in pixels: below it the upload is an icon or a tracking pixel, not a photo. */
  minSide: number;
  /** Longest side of the stored original; larger uploads are scaled down once, at upload. */
  maxStoredSide: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 50_000_000,
  minSide: 16,
  maxStoredSide: 2560,
};
