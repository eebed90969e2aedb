import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '@hatago/platform/errors';
import { readBody } from '@hatago/storage';
import sharp from 'sharp';
import { parseImageKey } from './image-key.ts';
import { ImagesErrors } from './images-errors.ts';
import { storeImage } from './store-image.ts';
import { animatedGif, jpegWithGps, pngBomb, sampleJpeg, samplePng } from './testing/image-fixtures.ts';
import { withImageStorages } from './testing/image-storages.ts';

const refusedWith = (code: string) => (error: unknown) => {
  assert.ok(error instanceof DomainError, String(error));
  assert.equal(error.code, code);
  assert.equal(error.kind, 'invalid');
  assert.equal(error.fields[0]?.field, 'image');
  return true;
};

withImageStorages('storeImage', (storage, count) => {
  it('stores a JPEG under a content-addressed key naming its owner and size', async () => {
    const upload = await sampleJpeg(800, 600);
    const stored = await storeImage(storage(), upload, { owner: 'hotel-12' });
    const key = parseImageKey(stored.key);
    assert.deepEqual({ owner: key?.owner, width: key?.width, height: key?.height, ext: key?.ext }, { owner: 'hotel-12', width: 800, height: 600, ext: 'jpg' });
    assert.equal(stored.contentType, 'image/jpeg');
    const object = await storage().get(`images/${stored.key}`);
    assert.ok(object);
    assert.equal(object.contentType, 'image/jpeg');
    assert.equal((await readBody(object)).length, stored.bytes);
    const again = await storeImage(storage(), upload, { owner: 'hotel-12' });
    assert.equal(again.key, stored.key, 'the same upload, the same key');
    assert.notEqual((await storeImage(storage(), upload, { owner: 'banners' })).key, stored.key, 'another owner, another key');
  });

  it('keeps transparency as PNG', async () => {
    const stored = await storeImage(storage(), await samplePng(), { owner: 'banners' });
    assert.match(stored.key, /^banners\/[0-9a-f]{32}-400x300\.png$/);
  });

  it('strips EXIF (GPS, camera, owner) and turns the image upright', async () => {
    const upload = await jpegWithGps();
    const before = await sharp(upload).metadata();
    assert.ok(before.exif && before.exif.includes(Buffer.from('HatagoCam')), 'the fixture carries EXIF');
    const stored = await storeImage(storage(), upload, { owner: 'hotel-1' });
    const bytes = await readBody((await storage().get(`images/${stored.key}`))!);
    const after = await sharp(bytes).metadata();
    assert.equal(after.exif, undefined);
    assert.equal(after.xmp, undefined);
    assert.equal(after.iptc, undefined);
    assert.equal(after.orientation, undefined);
    assert.equal(bytes.includes(Buffer.from('Taro Yamada')), false);
    assert.equal(bytes.includes(Buffer.from('GPS')), false);
    assert.deepEqual([after.width, after.height], [200, 320], 'rotated by its orientation');
  });

  it('refuses a decompression bomb before decoding it, storing nothing', async () => {
    const bomb = pngBomb();
    assert.ok(bomb.length < 200, `a tiny file (${bomb.length} bytes)`);
    await assert.rejects(storeImage(storage(), bomb, { owner: 'hotel-1' }), refusedWith(ImagesErrors.IMAGE_TOO_MANY_PIXELS));
    assert.equal(await count(), 0);
  });

  it('tells the type by content: text and SVG are refused, whatever they would be called', async () => {
    await assert.rejects(storeImage(storage(), Buffer.from('hello, I am a text file named photo.png\n'), { owner: 'hotel-1' }), refusedWith(ImagesErrors.IMAGE_TYPE_UNSUPPORTED));
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script></svg>');
    await assert.rejects(storeImage(storage(), svg, { owner: 'hotel-1' }), refusedWith(ImagesErrors.IMAGE_TYPE_UNSUPPORTED));
    const truncated = (await sampleJpeg()).subarray(0, 400);
    await assert.rejects(storeImage(storage(), truncated, { owner: 'hotel-1' }), refusedWith(ImagesErrors.IMAGE_UNREADABLE));
    assert.equal(await count(), 0);
  });

  it('refuses animations, tiny images and files past the byte limit', async () => {
    await assert.rejects(storeImage(storage(), await animatedGif(), { owner: 'hotel-1' }), refusedWith(ImagesErrors.IMAGE_ANIMATED));
    await assert.rejects(storeImage(storage(), await sampleJpeg(64, 8), { owner: 'hotel-1' }), refusedWith(ImagesErrors.IMAGE_TOO_SMALL));
    await assert.rejects(storeImage(storage(), await sampleJpeg(), { owner: 'hotel-1', limits: { maxBytes: 1000 } }), refusedWith(ImagesErrors.IMAGE_TOO_LARGE));
    await assert.rejects(storeImage(storage(), await sampleJpeg(), { owner: '../etc' }), (error: unknown) => (error as DomainError).code === ImagesErrors.INVALID_IMAGE_OWNER);
    assert.equal(await count(), 0);
  });

  it('scales an upload past the stored size down once', async () => {
    const stored = await storeImage(storage(), await sampleJpeg(1200, 600), { owner: 'hotel-1', limits: { maxStoredSide: 1000 } });
    assert.match(stored.key, /-1000x500\.jpg$/);
  });
});

describe('image keys', () => {
  it('parse only in their own format', () => {
    assert.deepEqual(parseImageKey('hotel-12/0123456789abcdef0123456789abcdef-1600x1067.jpg'), {
      owner: 'hotel-12',
      hash: '0123456789abcdef0123456789abcdef',
      width: 1600,
      height: 1067,
      ext: 'jpg',
    });
    for (const bad of ['hotel-12/../x-1x1.jpg', 'Hotel/0123456789abcdef0123456789abcdef-1x1.jpg', 'hotel-12/0123456789abcdef0123456789abcdef-0x1.jpg', 'hotel-12/0123456789abcdef0123456789abcdef-1x1.gif', '']) {
      assert.equal(parseImageKey(bad), undefined, bad);
    }
  });
});
