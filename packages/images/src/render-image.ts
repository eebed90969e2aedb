import { createHash } from 'node:crypto';
import { invalid, notFound } from '@hatago/platform/errors';
import { imageFormatClass, type ImageFormatClass } from '@hatago/platform/http';
import { readBody, type ObjectStorage } from '@hatago/storage';
import sharp from 'sharp';
import { parseImageKey, storageKeyOf, type ImageKey } from './image-key.ts';
import { IMAGE_WIDTHS, isImageWidth } from './image-widths.ts';
import { ImagesErrors } from './images-errors.ts';

export interface RenditionRequest {
  width: number;
  /** The client's Accept header: AVIF, else WebP, else the original's JPEG or PNG. */
  accept: string | string[] | undefined;
}

export interface Rendition {
  contentType: string;
  /** Strong: the same key, width and format always render these exact bytes. */
  etag: string;
  body: Buffer;
}

// Bumped whenever an encoder setting below changes, so no ETag names two different byte strings.
const ENCODING_VERSION = 1;
const RENDERER = `${ENCODING_VERSION}/sharp ${sharp.versions.sharp}/vips ${sharp.versions.vips}`;

const CONTENT_TYPE = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' } as const;

/** What a request for `key` at `width` resolves to, checked without reading storage: the route answers 304 from it. */
export function renditionOf(key: string, request: RenditionRequest): { image: ImageKey; format: ImageFormatClass; contentType: string; etag: string } {
  const image = parseImageKey(key);
  if (!image) throw notFound(ImagesErrors.IMAGE_NOT_FOUND, 'No such image');
  if (!isImageWidth(request.width)) {
    throw invalid(ImagesErrors.IMAGE_WIDTH_NOT_ALLOWED, [{ field: 'w', message: `is one of ${IMAGE_WIDTHS.join(', ')}` }], `Width is one of ${IMAGE_WIDTHS.join(', ')}`);
  }
  const format = imageFormatClass(request.accept);
  const digest = createHash('sha256').update(`${RENDERER}\n${key}\n${request.width}\n${format}`).digest('base64url').slice(0, 27);
  return { image, format, contentType: CONTENT_TYPE[format === 'other' ? image.ext : format], etag: `"${digest}"` };
}

/**
 * Renders a stored image at one of IMAGE_WIDTHS (never enlarged past its own width) in the
 * best format the client takes. The settings favour encoding speed on the origin over the
 * last percent of size: the edge keeps every rendition, so each is made about once per
 * format and width.
 */
export async function renderImage(storage: ObjectStorage, key: string, request: RenditionRequest): Promise<Rendition> {
  const { image, format, contentType, etag } = renditionOf(key, request);
  const stored = await storage.get(storageKeyOf(key));
  if (!stored) throw notFound(ImagesErrors.IMAGE_NOT_FOUND, 'No such image');
  const pipeline = sharp(await readBody(stored)).resize({ width: request.width, withoutEnlargement: true });
  const encoded =
    format === 'avif'
      ? pipeline.avif({ quality: 55, effort: 2 })
      : format === 'webp'
        ? pipeline.webp({ quality: 78, effort: 3 })
        : image.ext === 'png'
          ? pipeline.png({ compressionLevel: 8 })
          : pipeline.jpeg({ quality: 80, mozjpeg: true });
  return { contentType, etag, body: await encoded.toBuffer() };
}
