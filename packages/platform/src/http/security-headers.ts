import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * What a page may do, for every response of every app. No page runs script, so none may
 * (an injected `<script>` or `onclick=` stays inert); styles come from the page's own
 * `<style>` block, allowed by its hash rather than by 'unsafe-inline', so injected
 * `style=` attributes are inert too. No app is meant to be framed (clickjacking of the
 * consoles' buttons).
 */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

const STATIC_HEADERS = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // not no-referrer: a same-origin form post keeps its Referer, the cross-site check's fallback
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()',
};

// one year, the preload lists' minimum; only ever sent over https (RFC 6797 §7.2)
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Sets the security headers on every response; a route that set a stricter one of its
 * own (mail previews' policy, password reset's no-referrer) keeps it.
 */
export function addSecurityHeaders(app: FastifyInstance<any, any, any, any, any>): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    for (const [name, value] of Object.entries(STATIC_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', policyFor(reply, payload));
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    return payload;
  });
}

function policyFor(reply: FastifyReply, payload: unknown): string {
  const isHtml = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
  const hashes = isHtml && typeof payload === 'string' ? headStyleHashes(payload) : [];
  return [...POLICY, ["style-src 'self'", ...hashes].join(' ')].join('; ');
}

/**
 * Hashes of the `<style>` blocks in the document head. Only the head counts: what the
 * head takes from a request (the title) is escaped, so no markup smuggled into a page can
 * grant itself a style.
 */
function headStyleHashes(document: string): string[] {
  const head = document.slice(0, Math.max(0, document.indexOf('</head>')));
  return [...head.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => styleHash(m[1]!));
}

// Pages share a handful of style blocks (the base CSS, plus a page's own), so each is hashed
// once rather than on every response; the bound only guards against an app making them per request.
const STYLE_HASHES = new Map<string, string>();
const STYLE_HASHES_MAX = 64;

function styleHash(css: string): string {
  let hash = STYLE_HASHES.get(css);
  if (hash === undefined) {
    if (STYLE_HASHES.size >= STYLE_HASHES_MAX) STYLE_HASHES.clear();
    hash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
    STYLE_HASHES.set(css, hash);
  }
  return hash;
}
