import { parseImageKey } from './image-key.ts';
import { IMAGE_WIDTHS, widthsFor } from './image-widths.ts';

/** The image route's path for a key at a width; keys are `[a-z0-9/.-]`, so nothing needs escaping. */
export const imageUrl = (key: string, width: number) => `/images/${key}?w=${width}`;

export interface ResponsiveImage {
  src: string;
  srcset: string;
  width: number;
  height: number;
}

/**
 * What an `<img>` needs for a stored image: a `srcset` of every listed width worth offering,
 * `src` at `defaultWidth` (or the nearest offered below it) for browsers without srcset, and
 * the intrinsic size, so the page reserves the space before the image arrives.
 */
export function responsiveImage(key: string, defaultWidth: number = IMAGE_WIDTHS[3]): ResponsiveImage | undefined {
  const image = parseImageKey(key);
  if (!image) return undefined;
  const widths = widthsFor(image.width);
  const fallback = widths.filter((width) => width <= defaultWidth).at(-1) ?? widths[0]!;
  return {
    src: imageUrl(key, fallback),
    srcset: widths.map((width) => `${imageUrl(key, width)} ${Math.min(width, image.width)}w`).join(', '),
    width: image.width,
    height: image.height,
  };
}
