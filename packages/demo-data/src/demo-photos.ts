import sharp from 'sharp';

export interface DemoPhotoSubject {
  caption: string;
  altJa: (owner: string) => string;
  altEn: (owner: string) => string;
  hues: readonly [number, number];
}

/** The demo photos of every hotel: what each shows, named in both languages for its alt text. */
export const HOTEL_PHOTO_SUBJECTS: readonly DemoPhotoSubject[] = [
  { caption: 'Exterior', altJa: (hotel) => `${hotel}の外観`, altEn: (hotel) => `${hotel} from outside`, hues: [210, 30] },
  { caption: 'Guest room', altJa: (hotel) => `${hotel}の客室`, altEn: (hotel) => `A guest room at ${hotel}`, hues: [30, 340] },
  { caption: 'Dining', altJa: (hotel) => `${hotel}のお食事`, altEn: (hotel) => `Dining at ${hotel}`, hues: [120, 50] },
];

/** The demo photos of every restaurant. */
export const RESTAURANT_PHOTO_SUBJECTS: readonly DemoPhotoSubject[] = [
  { caption: 'Dining room', altJa: (name) => `${name}の店内`, altEn: (name) => `Inside ${name}`, hues: [20, 300] },
  { caption: 'The course', altJa: (name) => `${name}のコース料理`, altEn: (name) => `A course at ${name}`, hues: [90, 10] },
];

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

// a subject's label is the same on every owner's photo: drawn once
const labels = new Map<string, Promise<Buffer>>();
const labelOf = (caption: string) => {
  if (!labels.has(caption)) labels.set(caption, svgText(WIDTH, 50, `<text x="48" y="36" font-family="DejaVu Sans, sans-serif" font-size="32" fill="#fff" fill-opacity="0.85">${escapeXml(caption)}</text>`));
  return labels.get(caption)!;
};

/**
 * A hotel's or restaurant's placeholder photos, made on the spot with no network and no
 * files: for each subject a diagonal gradient in its colours (shifted per owner, so no two
 * look alike) under a strip with the owner's name and the subject. The gradient is a 2 × 2
 * image scaled up, and text is drawn once per owner: SVG text is what costs.
 */
export async function demoPhotos(ownerName: string, variant: number, subjects: readonly DemoPhotoSubject[]): Promise<Buffer[]> {
  const name = await svgText(WIDTH, 90, `<text x="48" y="70" font-family="DejaVu Sans, sans-serif" font-size="52" fill="#fff">${escapeXml(ownerName)}</text>`);
  const subjectLabels = await Promise.all(subjects.map((subject) => labelOf(subject.caption)));
  return Promise.all(
    subjects.map((subject, i) => {
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
