/**
 * The only widths the image route renders. A fixed list keeps the number of renditions
 * (and the edge's cache entries) per image bounded: a client cannot make the origin render
 * and the edge store every width from 1 to 10,000.
 */
export const IMAGE_WIDTHS = [160, 320, 480, 640, 960, 1280, 1920] as const;

export type ImageWidth = (typeof IMAGE_WIDTHS)[number];

export const isImageWidth = (width: number): width is ImageWidth => (IMAGE_WIDTHS as readonly number[]).includes(width);

/**
 * The listed widths worth offering for an image `imageWidth` pixels wide: every smaller
 * one and the first at or past it (rendered at the image's own width, never enlarged).
 */
export function widthsFor(imageWidth: number): ImageWidth[] {
  const smaller = IMAGE_WIDTHS.filter((width) => width < imageWidth);
  const covering = IMAGE_WIDTHS.find((width) => width >= imageWidth);
  return covering === undefined ? smaller : [...smaller, covering];
}
