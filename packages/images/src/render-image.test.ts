import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '@hatago/platform/errors';
import sharp from 'sharp';
import { responsiveImage } from './image-srcset.ts';
import { widthsFor } from './image-widths.ts';
import { ImagesErrors } from './images-errors.ts';
import { renderImage, renditionOf } from './render-image.ts';
import { storeImage } from './store-image.ts';
import { formatOfBytes, sampleJpeg, samplePng } from './testing/image-fixtures.ts';
import { withImageStorages } from './testing/image-storages.ts';

const CHROME = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';
const OLD_SAFARI = 'image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5';

withImageStorages('renderImage', (storage) => {
  it('picks AVIF, WebP, else the original format by Accept, at the width asked', async () => {
    const { key } = await storeImage(storage(), await sampleJpeg(1000, 500), { owner: 'hotel-3' });
    const cases = [
      [CHROME, 'avif', 'image/avif'],
      ['image/webp,*/*', 'webp', 'image/webp'],
      [OLD_SAFARI, 'jpeg', 'image/jpeg'],
      [undefined, 'jpeg', 'image/jpeg'],
    ] as const;
    const etags = new Set<string>();
    for (const [accept, format, contentType] of cases) {
      const rendition = await renderImage(storage(), key, { width: 480, accept });
      assert.equal(formatOfBytes(rendition.body), format, String(accept));
      assert.equal(rendition.contentType, contentType);
      const { width, height } = await sharp(rendition.body).metadata();
      assert.deepEqual([width, height], [480, 240]);
      etags.add(rendition.etag);
    }
    assert.equal(etags.size, 3, 'one ETag per format: the fallback for no Accept and for Safari is the same JPEG');
  });

  it('serves a transparent original as PNG to clients taking neither AVIF nor WebP', async () => {
    const { key } = await storeImage(storage(), await samplePng(), { owner: 'banners' });
    assert.equal(formatOfBytes((await renderImage(storage(), key, { width: 160, accept: OLD_SAFARI })).body), 'png');
    assert.equal((await sharp((await renderImage(storage(), key, { width: 160, accept: 'image/webp' })).body).metadata()).hasAlpha, true);
  });

  it('never enlarges, and renders the same bytes under the same ETag', async () => {
    const { key } = await storeImage(storage(), await sampleJpeg(400, 300), { owner: 'hotel-3' });
    const first = await renderImage(storage(), key, { width: 960, accept: 'image/webp' });
    const second = await renderImage(storage(), key, { width: 960, accept: 'image/webp' });
    assert.equal((await sharp(first.body).metadata()).width, 400);
    assert.equal(first.etag, second.etag);
    assert.match(first.etag, /^"[A-Za-z0-9_-]+"$/, 'strong');
    assert.ok(first.body.equals(second.body));
  });

  it('refuses widths outside the list, and keys it never stored', async () => {
    const { key } = await storeImage(storage(), await sampleJpeg(400, 300), { owner: 'hotel-3' });
    for (const width of [0, 100, 481, 4000, Number.NaN]) {
      await assert.rejects(renderImage(storage(), key, { width, accept: undefined }), (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, ImagesErrors.IMAGE_WIDTH_NOT_ALLOWED);
        return true;
      });
    }
    const unknown = key.replace(/\/(.)/, (_, first: string) => `/${first === 'f' ? 'e' : 'f'}`);
    for (const missing of [unknown, 'hotel-3/not-a-key.jpg', '../../etc/passwd']) {
      await assert.rejects(renderImage(storage(), missing, { width: 160, accept: undefined }), (error: unknown) => (error as DomainError).code === ImagesErrors.IMAGE_NOT_FOUND);
    }
  });
});

describe('responsive images', () => {
  it('offer every listed width up to the first covering the image, and its intrinsic size', () => {
    assert.deepEqual(widthsFor(700), [160, 320, 480, 640, 960]);
    const image = responsiveImage('hotel-1/0123456789abcdef0123456789abcdef-700x400.jpg', 640)!;
    assert.equal(image.src, '/images/hotel-1/0123456789abcdef0123456789abcdef-700x400.jpg?w=640');
    assert.match(image.srcset, /\?w=160 160w, .*\?w=960 700w$/);
    assert.deepEqual([image.width, image.height], [700, 400]);
    assert.equal(responsiveImage('https://example.com/x.jpg'), undefined);
  });

  it('name a rendition by width and format only', () => {
    const key = 'hotel-1/0123456789abcdef0123456789abcdef-700x400.jpg';
    assert.equal(renditionOf(key, { width: 320, accept: 'image/avif' }).etag, renditionOf(key, { width: 320, accept: CHROME }).etag);
    assert.notEqual(renditionOf(key, { width: 320, accept: 'image/avif' }).etag, renditionOf(key, { width: 480, accept: 'image/avif' }).etag);
  });
});
