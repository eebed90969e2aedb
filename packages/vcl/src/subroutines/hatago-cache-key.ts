import type { RouteRule } from '@hatago/edge-rules';
import { H, PATH } from '../internal-headers.ts';
import { isCached } from '../per-route.ts';
import type { Attempt } from '../refusals.ts';
import { escapeRegex, vclRegex, vclString, type VclWriter } from '../vcl-text.ts';

// the same pages the Node edge tells apart (packages/http-cache/src/cache-key.ts)
const MOBILE_USER_AGENT = '(?i)Mobi|Android|iPhone|iPod|Windows Phone';

/**
 * The key URL: the path with only the kept query parameters, in the rule's order (repeats
 * in request order), as the Node edge's normaliseQuery builds it; it is also what the origin
 * is asked for. Device class goes into a second key part.
 */
export function writeCacheKey(w: VclWriter, routes: RouteRule[], attempt: Attempt) {
  w.block('sub hatago_cache_key', () => {
    w.line(`set req.http.${H.keyUrl} = ${PATH};`);
    w.line(`set req.http.${H.keyExtra} = "";`);
    const branches: Array<[string, () => void]> = [];
    for (const route of routes.filter(isCached)) {
      const { key } = route.cache;
      if (key.query.length === 0 && !key.device) continue;
      attempt(`routes "${route.name}".cache.key`, () => {
        const pieces = key.query.map((name) => {
          const escaped = escapeRegex(name);
          // "&" + query with every pair not named `name` removed: its pairs in request order
          return `regsuball("&" + regsub(req.url, "^[^?]*\\??", ""), ${vclRegex(`&(?!${escaped}(?:=|&|$))[^&]*`)}, "")`;
        });
        branches.push([
          `req.http.${H.route} == ${vclString(route.name)}`,
          () => {
            if (pieces.length > 0) {
              w.block('if (req.url ~ "\\?")', () => {
                w.line(`set req.http.${H.keyUrl} = ${PATH} + regsub(${pieces.join(' + ')}, "^&", "?");`);
              });
            }
            if (key.device) {
              w.chain([[`req.http.User-Agent ~ ${vclRegex(MOBILE_USER_AGENT)}`, () => w.line(`set req.http.${H.keyExtra} = "d=mobile";`)]], () =>
                w.line(`set req.http.${H.keyExtra} = "d=desktop";`),
              );
            }
          },
        ]);
      });
    }
    w.chain(branches);
  });
  w.line();
}
