import type { IncomingHttpHeaders } from 'node:http';

/**
 * RFC 9213 targeted cache control: the fields this edge obeys, first present and valid one
 * first. `Hatago-Cache-Control` is Hatago's own (only this edge reads it), `CDN-Cache-Control`
 * is read by every CDN; either lets an origin give the edge a long lifetime and browsers a short one.
 */
export const TARGETED_FIELDS = ['hatago-cache-control', 'cdn-cache-control'] as const;

// a targeted field is a Structured Fields Dictionary (RFC 8941 §3.2): lower-case keys; integer, decimal, token,
// string or boolean values. Parameters and inner lists mean nothing to a cache directive, so a field with them is invalid here
const KEY = '[a-z*][a-z0-9_.*-]*';
const VALUE = `(?:-?[0-9]{1,15}(?:\\.[0-9]{1,3})?|[A-Za-z*][A-Za-z0-9!#$%&'*+.^_\`|~:/-]*|"(?:[^"\\\\]|\\\\.)*"|\\?[01])`;
const MEMBER = `${KEY}(?:=${VALUE})?`;

/** A valid targeted field value, anchored: the VCL (packages/vcl) checks the same pattern. */
export const TARGETED_FIELD_PATTERN = `^ *${MEMBER}(?: *, *${MEMBER})* *$`;
const VALID = new RegExp(TARGETED_FIELD_PATTERN);
const MEMBERS = new RegExp(MEMBER, 'g');

/** The first targeted field present with a valid value (RFC 9213 §2.2: an invalid one is ignored), as one string. */
export function targetedField(headers: IncomingHttpHeaders): string | undefined {
  for (const name of TARGETED_FIELDS) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (VALID.test(value)) return value;
  }
  return undefined;
}

/**
 * The response headers as this edge's freshness reads them: with a valid targeted field, its
 * directives in place of `Cache-Control`, and `Expires` ignored (RFC 9213 §2.2: the targeted
 * field is used instead of the others); otherwise the same object. Booleans are written as
 * Cache-Control writes them (`no-store`, and `?0` leaves the directive out).
 */
export function edgeView(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const targeted = targetedField(headers);
  if (targeted === undefined) return headers;
  const { expires: _ignored, ...rest } = headers;
  // members matched in turn from a valid value: a quoted string's commas stay inside its member
  const directives = (targeted.match(MEMBERS) ?? []).filter((member) => !member.endsWith('=?0')).map((member) => member.replace(/=\?1$/, ''));
  return { ...rest, 'cache-control': directives.join(', ') };
}
