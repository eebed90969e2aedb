import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** The encodings the edge serves; anything else a client asks for gets identity. */
export type Encoding = 'br' | 'gzip' | 'identity';

const COMPRESSIBLE_TYPE = /^(text\/|application\/(json|javascript|xml|manifest\+json|problem\+json|ld\+json)|application\/[^;]*\+(json|xml)|image\/svg\+xml)/i;

/** Below this, the encoded body plus its headers is rarely smaller than the original. */
const MIN_COMPRESS_BYTES = 256;

/**
 * Whether the edge may compress a body the origin sent: a text-like type, not already
 * encoded, not marked `no-transform` (RFC 9111 §5.2.2.6), and big enough to gain.
 */
export function isCompressible(headers: Record<string, string | string[] | undefined>, bodyBytes: number): boolean {
  if (bodyBytes < MIN_COMPRESS_BYTES) return false;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') return false;
  if (/\bno-transform\b/i.test(String(headers['cache-control'] ?? ''))) return false;
  return COMPRESSIBLE_TYPE.test(String(headers['content-type'] ?? ''));
}

/**
 * Whether the edge may encode a response, decided from its head alone (the declared length, or
 * any length when none is declared), before the body arrives: the miss's headers, `Vary:
 * Accept-Encoding` among them, are sent then and the stored entry must say the same.
 */
export function mayEncode(headers: Record<string, string | string[] | undefined>): boolean {
  const declared = headers['content-length'];
  return isCompressible(headers, declared === undefined ? Number.POSITIVE_INFINITY : Number(declared));
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export interface EncodedBodies {
  gzip?: Buffer;
  br?: Buffer;
}

/**
 * Both encodings, made once when the response is stored (never per hit) on the thread
 * pool; an encoding that does not shrink the body is dropped.
 */
export async function encodeBody(body: Buffer): Promise<EncodedBodies> {
  const [gz, br] = await Promise.all([
    gzip(body, { level: 6 }),
    brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  ]);
  const encoded: EncodedBodies = {};
  if (gz.length < body.length) encoded.gzip = gz;
  if (br.length < body.length) encoded.br = br;
  return encoded;
}

const chosen = new Map<string, Encoding>();
const MEMO_LIMIT = 256;

/**
 * The best encoding a client accepts (br, then gzip), per RFC 9110 §12.5.3 including
 * `q=0` refusals and `*`. Browsers send a handful of distinct values, so answers are
 * memoised and a hit pays one map lookup.
 */
export function preferredEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  if (acceptEncoding === undefined) return 'identity';
  const header = typeof acceptEncoding === 'string' ? acceptEncoding : acceptEncoding.join(',');
  const known = chosen.get(header);
  if (known !== undefined) return known;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const accepts = (name: string) => (weights.get(name) ?? weights.get('*') ?? 0) > 0;
  const result: Encoding = accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : 'identity';
  if (chosen.size >= MEMO_LIMIT) chosen.clear();
  chosen.set(header, result);
  return result;
}
