import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A plain photo-like JPEG (a gradient, so encoders have something to do). */
export async function sampleJpeg(width = 800, height = 600): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      raw[at] = (x * 255) / width;
      raw[at + 1] = (y * 255) / height;
      raw[at + 2] = 128;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

/** A PNG with a transparent half. */
export const samplePng = (width = 400, height = 300): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 30, b: 60, alpha: 0.5 } } })
    .png()
    .toBuffer();

/**
 * A JPEG as a phone writes it: EXIF with the camera, the owner and the GPS position where it
 * was taken, and orientation 6 (stored on its side, shown upright by rotating 90°).
 */
export const jpegWithGps = (): Promise<Buffer> =>
  sharp({ create: { width: 320, height: 200, channels: 3, background: '#336699' } })
    .withExif({
      IFD0: { Make: 'HatagoCam', Model: 'Secret Model 7', Artist: 'Taro Yamada' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 39/1 2934/100', GPSLongitudeRef: 'E', GPSLongitude: '139/1 44/1 4058/100' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();

/** Two frames of a looping GIF. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (background: string) => sharp({ create: { width: 32, height: 32, channels: 3, background } }).png().toBuffer();
  return sharp([await frame('#aa3300'), await frame('#0033aa')], { join: { animated: true } })
    .gif({ loop: 0, delay: [100, 100] })
    .toBuffer();
}

/**
 * A decompression bomb: a valid PNG of a few dozen bytes whose header declares
 * 100,000 × 100,000 pixels (30 GB decoded) and whose data is a short zlib stream.
 */
export function pngBomb(width = 100_000, height = 100_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The format an encoded image is in, by its first bytes, as a browser would tell. */
export function formatOfBytes(bytes: Buffer): 'jpeg' | 'png' | 'webp' | 'avif' | 'unknown' {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (bytes.subarray(1, 4).toString('latin1') === 'PNG') return 'png';
  if (bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (bytes.subarray(4, 12).toString('latin1') === 'ftypavif') return 'avif';
  return 'unknown';
}
