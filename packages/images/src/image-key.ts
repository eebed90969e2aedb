import { invalid } from '@hatago/platform/errors';
import { ImagesErrors } from './images-errors.ts';

/**
 * An image's key names it everywhere: in object storage (under `images/`), in the image
 * route (`/images/<key>?w=<width>`), in banner documents and in catalogue rows.
 *
 *     <owner>/<hash>-<width>x<height>.<ext>     e.g.  hotel-12/3f9ac01b…e2-1600x1067.jpg
 *
 * - owner: who uploaded it, `[a-z][a-z0-9-]*` (`banners`, `hotel-12`); deleting one owner's
 *   image never touches another's, even when both uploaded the same bytes.
 * - hash: the first 32 hex digits of the SHA-256 of the stored (normalised) bytes, so a key
 *   names exactly one content forever and every rendition of it may be cached as immutable.
 * - width × height: the stored image's pixels, so pages can write `width`/`height` and a
 *   `srcset` from the key alone.
 * - ext: `jpg` (opaque) or `png` (with transparency): the format served to clients that
 *   take neither AVIF nor WebP.
 */
export interface ImageKey {
  owner: string;
  hash: string;
  width: number;
  height: number;
  ext: ImageExt;
}

export type ImageExt = 'jpg' | 'png';

const OWNER = /^[a-z][a-z0-9-]{0,39}$/;
const KEY = /^([a-z][a-z0-9-]{0,39})\/([0-9a-f]{32})-([1-9][0-9]{0,4})x([1-9][0-9]{0,4})\.(jpg|png)$/;

export function formatImageKey(key: ImageKey): string {
  return `${key.owner}/${key.hash}-${key.width}x${key.height}.${key.ext}`;
}

/** The parts of a key, or undefined for anything that is not one (a route answers 404). */
export function parseImageKey(key: string): ImageKey | undefined {
  const match = KEY.exec(key);
  if (!match) return undefined;
  const [, owner, hash, width, height, ext] = match;
  return { owner: owner!, hash: hash!, width: Number(width), height: Number(height), ext: ext as ImageExt };
}

export function assertImageOwner(owner: string): void {
  if (!OWNER.test(owner)) {
    throw invalid(ImagesErrors.INVALID_IMAGE_OWNER, [{ field: 'owner', message: 'is lower-case letters, digits and -, starting with a letter (e.g. hotel-12)' }]);
  }
}

/** Where the stored original lives in object storage, beside exports and other files. */
export const storageKeyOf = (key: string) => `images/${key}`;
