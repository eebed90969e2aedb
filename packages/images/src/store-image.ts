import { createHash } from 'node:crypto';
import { type ErrorCode, invalid } from '@hatago/platform/errors';
import type { ObjectStorage } from '@hatago/storage';
import sharp from 'sharp';
import { assertImageOwner, formatImageKey, storageKeyOf, type ImageExt } from './image-key.ts';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits.ts';
import { SHARP_FORMAT, sniffImageFormat } from './image-sniff.ts';
import { ImagesErrors } from './images-errors.ts';

export interface StoreImageOptions {
  /** Who the image belongs to, e.g. `hotel-12` or `banners`: the first segment of its key. */
  owner: string;
  limits?: Partial<ImageLimits>;
}

export interface StoredImage {
  /** See image-key.ts for its format. */
  key: string;
  width: number;
  height: number;
  contentType: 'image/jpeg' | 'image/png';
  bytes: number;
}

const refuse = (code: ErrorCode, message: string) => invalid(code, [{ field: 'image', message }], message);

/**
 * Checks an upload by its content, normalises it and stores it under a content-addressed
 * key. Normalising means: turned upright by its EXIF orientation, scaled down to
 * `maxStoredSide`, converted to sRGB, every metadata block (EXIF with GPS, XMP, IPTC, ICC
 * profiles) dropped, and re-encoded as JPEG, or PNG when it has transparency. Renditions
 * are made from this stored original, so none can leak what the upload carried.
 *
 * Refused with an `invalid` DomainError (field `image`): IMAGE_TOO_LARGE, IMAGE_TYPE_UNSUPPORTED,
 * IMAGE_UNREADABLE, IMAGE_TOO_MANY_PIXELS, IMAGE_TOO_SMALL, IMAGE_ANIMATED; nothing is stored.
 */
export async function storeImage(storage: ObjectStorage, upload: Buffer, options: StoreImageOptions): Promise<StoredImage> {
  assertImageOwner(options.owner);
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...options.limits };
  if (upload.length > limits.maxBytes) {
    throw refuse(ImagesErrors.IMAGE_TOO_LARGE, `is larger than ${Math.floor(limits.maxBytes / 1024 / 1024)} MB`);
  }
  const format = sniffImageFormat(upload);
  if (!format) throw refuse(ImagesErrors.IMAGE_TYPE_UNSUPPORTED, 'is not a JPEG, PNG, WebP, AVIF or GIF image');

  const metadata = await sharp(upload, { limitInputPixels: false }).metadata().catch(() => undefined);
  if (!metadata || metadata.format !== SHARP_FORMAT[format] || (format === 'avif' && metadata.compression !== 'av1')) {
    throw refuse(ImagesErrors.IMAGE_UNREADABLE, 'could not be read as an image');
  }
  if (metadata.width * metadata.height > limits.maxPixels) {
    throw refuse(ImagesErrors.IMAGE_TOO_MANY_PIXELS, `has more than ${limits.maxPixels / 1_000_000} million pixels`);
  }
  if ((metadata.pages ?? 1) > 1) throw refuse(ImagesErrors.IMAGE_ANIMATED, 'is animated or has several pages; upload a still image');
  if (Math.min(metadata.width, metadata.height) < limits.minSide) {
    throw refuse(ImagesErrors.IMAGE_TOO_SMALL, `is smaller than ${limits.minSide} pixels on a side`);
  }

  const ext: ImageExt = metadata.hasAlpha ? 'png' : 'jpg';
  const pipeline = sharp(upload, { limitInputPixels: limits.maxPixels, failOn: 'error', autoOrient: true })
    .resize({ width: limits.maxStoredSide, height: limits.maxStoredSide, fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb');
  const { data, info } = await (ext === 'png' ? pipeline.png() : pipeline.jpeg({ quality: 90 }))
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw refuse(ImagesErrors.IMAGE_UNREADABLE, 'could not be read as an image');
    });

  const hash = createHash('sha256').update(data).digest('hex').slice(0, 32);
  const key = formatImageKey({ owner: options.owner, hash, width: info.width, height: info.height, ext });
  const contentType = ext === 'png' ? 'image/png' : 'image/jpeg';
  // same bytes, same key: storing again rewrites identical content, so no existence check is needed
  await storage.put(storageKeyOf(key), data, { contentType });
  return { key, width: info.width, height: info.height, contentType, bytes: data.length };
}
