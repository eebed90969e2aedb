import sharp from 'sharp';

/** The demo photos of every hotel: what each shows, named in both languages for its alt text. */
export const DEMO_PHOTO_SUBJECTS = [
  { caption: 'Exterior', altJa: (hotel: string) => `${hotel}の外観`, altEn: (hotel: string) => `${hotel} from outside`, hues: [210, 30] },
  { caption: 'Guest room', altJa: (hotel: string) => `${hotel}の客室`, altEn: (hotel: string) => `A guest room at ${hotel}`, hues: [30, 340] },
  { caption: 'Dining', altJa: (hotel: string) => `${hotel}のお食事`, altEn: (hotel: string) => `Dining at ${hotel}`, hues: [120, 50] },
] as const;

const WIDTH = 960;
const HEIGHT = 640;

const hsl = (hue: number, lightness: number) => {
  const h = ((hue % 360) + 360) % 360;
  const s = 0.55;
  const l = lightness;
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
};

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const svgText = (width: number, height: number, body: string) =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`)).png().toBuffer();

// the subjects' labels are the same on every hotel's photos: drawn once
const labels = Promise.all(
  DEMO_PHOTO_SUBJECTS.map((subject) => svgText(WIDTH, 50, `<text x="48" y="36" font-family="DejaVu Sans, sans-serif" font-size="32" fill="#fff" fill-opacity="0.85">${subject.caption}</text>`)),
);

/**
 * A hotel's placeholder photos, made on the spot with no network and no files: for each
 * subject a diagonal gradient in its colours (shifted per hotel, so no two hotels look
 * alike) under a strip with the hotel's name and the subject. The gradient is a 2 × 2 image
 * scaled up, and text is drawn once per hotel: SVG text is what costs.
 */
export async function demoPhotos(hotelName: string, variant: number): Promise<Buffer[]> {
  const name = await svgText(WIDTH, 90, `<text x="48" y="70" font-family="DejaVu Sans, sans-serif" font-size="52" fill="#fff">${escapeXml(hotelName)}</text>`);
  const subjectLabels = await labels;
  return Promise.all(
    DEMO_PHOTO_SUBJECTS.map((subject, i) => {
      const [from, to] = subject.hues.map((hue) => hue + variant * 23);
      const corners = Buffer.from([...hsl(from!, 0.35), ...hsl(from!, 0.5), ...hsl(to!, 0.55), ...hsl(to!, 0.7)]);
      return sharp(corners, { raw: { width: 2, height: 2, channels: 3 } })
        .resize(WIDTH, HEIGHT, { kernel: 'linear', fit: 'fill' })
        .composite([
          { input: { create: { width: WIDTH, height: 160, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.35 } } }, top: HEIGHT - 160, left: 0 },
          { input: name, top: HEIGHT - 160, left: 0 },
          { input: subjectLabels[i]!, top: HEIGHT - 70, left: 0 },
        ])
        .jpeg({ quality: 82 })
        .toBuffer();
    }),
  );
}
