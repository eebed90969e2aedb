import { type EdgeRules, type HeaderRewrite, isSyntheticRoute, type RouteRule } from '@hatago/edge-rules';
import { H } from '../internal-headers.ts';
import { perRoute, rewriteLines } from '../per-route.ts';
import type { Attempt } from '../refusals.ts';
import type { VclWriter } from '../vcl-text.ts';

// as @hatago/flags' EDGE_FLAGS_HEADER (the rules and their compiler import no domain package): the edge's decision the apps follow
const EDGE_FLAGS_HEADER = 'hatago-flags';

/** `vcl_backend_fetch`: the client side's decisions move into the backend task, internal headers go, request rewrites apply. */
export function writeBackendFetch(w: VclWriter, routes: RouteRule[], rewrites: HeaderRewrite[], attempt: Attempt, flagFeed: EdgeRules['flags']) {
  w.block('sub vcl_backend_fetch', () => {
    w.line('# serving an entry stale starts a background refresh; not when the origin has just failed that very refresh');
    w.block(`if (bereq.is_bgfetch && bereq.http.${H.staleKept} == "serve")`, () => w.line('return (abandon);'));
    w.line('# the client side\'s decisions move into this backend task; origins never see X-Hatago-*');
    w.block(`if (bereq.http.${H.route})`, () => {
      w.line(`var.set("route", bereq.http.${H.route});`);
      w.line(`var.set("backend", bereq.http.${H.backend});`);
      w.line(`var.set("policy", bereq.http.${H.policy});`);
      w.line(`var.set("key-url", bereq.http.${H.keyUrl});`);
      w.line(`var.set("forward-key", bereq.http.${H.forwardKey});`);
      w.line(`var.set("stale-kept", bereq.http.${H.staleKept});`);
    });
    for (const header of Object.values(H)) w.line(`unset bereq.http.${header};`);
    if (flagFeed) {
      w.line(`# Varnish cannot poll the flag feed (${flagFeed.path}): the apps are told every flag is off, never what a client`);
      w.line('# claims, so a stored page is the same for everyone; rollouts by flag fall back to their own query, cookie and percent');
      w.line(`set bereq.http.${EDGE_FLAGS_HEADER} = "";`);
    }
    w.line('# a cached route with forwardQuery \'key\' asks the origin for the key URL: what is stored never depends on a stripped parameter');
    w.block('if (var.get("policy") == "cache" && var.get("forward-key") == "1" && bereq.method ~ "^(GET|HEAD)$")', () => w.line('set bereq.url = var.get("key-url");'));
    perRoute(w, routes, (route, into) => {
      if (!isSyntheticRoute(route)) rewriteLines(into, 'bereq', rewrites, route, attempt);
    });
  });
  w.line();
}
