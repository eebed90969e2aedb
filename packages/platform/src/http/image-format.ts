/**
 * The image format a client takes, reduced to the three classes an image route serves:
 * AVIF, WebP, or neither (JPEG/PNG, which every client decodes). The origin picks its
 * format by this class and the edge keys its cache by it, so both read Accept the same way.
 *
 * A class is chosen by the media type named outright in Accept with a q above zero:
 * `image/*` and `*\/*` do not count (curl and old clients send them, and cannot be assumed
 * to decode AVIF). The rule is one regex per format, written once here for JavaScript and
 * for the VCL twin (PCRE2 reads these patterns alike; packages/vcl).
 */
export type ImageFormatClass = 'avif' | 'webp' | 'other';

// `<type>` as one list element, with no q or a q that is not zero (q=0 means "not acceptable")
const acceptsPattern = (type: string) => String.raw`(^|,)[ \t]*${type}[ \t]*(;[ \t]*q=(1(\.0*)?|0?\.0*[1-9][0-9]*)[ \t]*)?(,|$)`;

/** Case-insensitive patterns on the Accept value, tried in this order. */
export const IMAGE_FORMAT_ACCEPT_PATTERNS: ReadonlyArray<readonly [format: Exclude<ImageFormatClass, 'other'>, pattern: string]> = [
  ['avif', acceptsPattern(String.raw`image/avif`)],
  ['webp', acceptsPattern(String.raw`image/webp`)],
];

/** The Accept value that stands for each class: what the edge forwards, so the origin sees only these three. */
export const IMAGE_FORMAT_ACCEPT: Readonly<Record<ImageFormatClass, string>> = {
  avif: 'image/avif,image/webp,image/*',
  webp: 'image/webp,image/*',
  other: 'image/*',
};

const compiled = IMAGE_FORMAT_ACCEPT_PATTERNS.map(([format, pattern]) => [format, new RegExp(pattern, 'i')] as const);

export function imageFormatClass(accept: string | string[] | undefined): ImageFormatClass {
  if (accept === undefined) return 'other';
  const value = typeof accept === 'string' ? accept : accept.join(',');
  for (const [format, pattern] of compiled) if (pattern.test(value)) return format;
  return 'other';
}
