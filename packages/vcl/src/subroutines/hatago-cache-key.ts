import type { KeyQuery, RouteRule } from '@hatago/edge-rules';
import { IMAGE_FORMAT_ACCEPT, IMAGE_FORMAT_ACCEPT_PATTERNS } from '@hatago/platform/http';
import { H, PATH } from '../internal-headers.ts';
import { isCached } from '../per-route.ts';
import type { Attempt } from '../refusals.ts';
import { escapeRegex, vclRegex, vclString, type VclWriter } from '../vcl-text.ts';

// the same pages the Node edge tells apart (packages/http-cache/src/cache-key.ts)
const MOBILE_USER_AGENT = '(?i)Mobi|Android|iPhone|iPod|Windows Phone';

/**
 * The key URL: the path with the query as the route keys it, as the Node edge's
 * normaliseQuery builds it: as sent, sorted (std.querysort), or only the kept parameters in
 * the rule's order (repeats in request order). A route with `forwardQuery: 'key'` asks the
 * origin for it (vcl_backend_fetch). Device class goes into a second key part.
 */
export function writeCacheKey(w: VclWriter, routes: RouteRule[], attempt: Attempt) {
  w.block('sub hatago_cache_key', () => {
    w.line(`set req.http.${H.keyUrl} = ${PATH};`);
    w.line(`set req.http.${H.keyExtra} = "";`);
    w.line(`unset req.http.${H.forwardKey};`);
    const branches: Array<[string, () => void]> = [];
    for (const route of routes.filter(isCached)) {
      const { key } = route.cache;
      const forwardKey = key.forwardQuery === 'key';
      if (key.query.length === 0 && !key.device && !forwardKey && !key.imageFormat) continue;
      attempt(`routes "${route.name}".cache.key`, () => {
        const keyQuery = queryOfKey(key.query);
        branches.push([
          `req.http.${H.route} == ${vclString(route.name)}`,
          () => {
            if (keyQuery !== undefined) {
              w.block('if (req.url ~ "\\?")', () => {
                w.line(`set req.http.${H.keyUrl} = ${PATH} + ${keyQuery};`);
              });
            }
            if (forwardKey) w.line(`set req.http.${H.forwardKey} = "1";`);
            if (key.device) {
              w.chain([[`req.http.User-Agent ~ ${vclRegex(MOBILE_USER_AGENT)}`, () => w.line(`set req.http.${H.keyExtra} = "d=mobile";`)]], () =>
                w.line(`set req.http.${H.keyExtra} = "d=desktop";`),
              );
            }
            if (key.imageFormat) writeImageAccept(w);
          },
        ]);
      });
    }
    w.chain(branches);
  });
  w.line();
}

/**
 * Accept reduced to the image format class, with the Node edge's own patterns (PCRE2 reads
 * them as JavaScript does), before the lookup: Vary: Accept then splits three ways, and the
 * backend request inherits the reduced header.
 */
function writeImageAccept(w: VclWriter) {
  w.chain(
    IMAGE_FORMAT_ACCEPT_PATTERNS.map(([format, pattern]): [string, () => void] => [
      `req.http.Accept ~ ${vclRegex(`(?i)${pattern}`)}`,
      () => w.line(`set req.http.Accept = ${vclString(IMAGE_FORMAT_ACCEPT[format])};`),
    ]),
    () => w.line(`set req.http.Accept = ${vclString(IMAGE_FORMAT_ACCEPT.other)};`),
  );
}

/** The expression of `?query` as the key keeps it ("" for none), for a request with a `?`; undefined when the key keeps no query. */
function queryOfKey(query: KeyQuery): string | undefined {
  // "?" alone, or "?" and nothing kept, is no query: the Node edge keys "/p?" as "/p"
  const noLoneMark = (expression: string) => `regsub(${expression}, "^\\?$", "")`;
  if (query === 'as-sent') return noLoneMark('regsub(req.url, "^[^?]*", "")');
  if (query === 'sorted') return noLoneMark('regsub(std.querysort(req.url), "^[^?]*", "")');
  if (query.length === 0) return undefined;
  const pieces = query.map((name) => {
    const escaped = escapeRegex(name);
    // "&" + query with every pair not named `name` removed: its pairs in request order
    return `regsuball("&" + regsub(req.url, "^[^?]*\\??", ""), ${vclRegex(`&(?!${escaped}(?:=|&|$))[^&]*`)}, "")`;
  });
  return `regsub(${pieces.join(' + ')}, "^&", "?")`;
}
