/**
 * The image formats accepted, told by their first bytes (never by a file name or a
 * declared type). Anything else (SVG, PDF, TIFF, HEIC, text) is refused before any
 * decoder sees it, so no XML, PostScript or rarely used parser is reachable from an upload.
 */
export type SniffedFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif';

const startsWith = (bytes: Buffer, signature: number[], at = 0) => bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export function sniffImageFormat(bytes: Buffer): SniffedFormat | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('ftyp'), 4) && isAvifBrand(bytes)) return 'avif';
  return undefined;
}

/** An ISO BMFF `ftyp` box naming `avif` (or `avis`, its sequences) as its major or a compatible brand. */
function isAvifBrand(bytes: Buffer): boolean {
  const boxEnd = Math.min(bytes.readUInt32BE(0), bytes.length, 64);
  for (let at = 8; at + 4 <= boxEnd; at += 4) {
    if (at === 12) continue; // minor version, not a brand
    const brand = bytes.toString('latin1', at, at + 4);
    if (brand === 'avif' || brand === 'avis') return true;
  }
  return false;
}

/** The name sharp's metadata gives each sniffed format: both must agree before anything is decoded. */
export const SHARP_FORMAT: Record<SniffedFormat, string> = { jpeg: 'jpeg', png: 'png', gif: 'gif', webp: 'webp', avif: 'heif' };
