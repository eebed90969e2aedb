import { type CachePolicyRule, type HeaderRewrite, isSyntheticRoute, type ProxyRoute, type RouteRule } from '@hatago/edge-rules';
import type { Attempt } from './refusals.ts';
import { headerName, vclString, VclWriter } from './vcl-text.ts';

/** A route whose answers Varnish stores. */
export const isCached = (route: RouteRule): route is ProxyRoute & { cache: CachePolicyRule } => !isSyntheticRoute(route) && route.cache !== 'pass';

/** The header rewrites that apply to `route`, as VCL statements on `target`'s headers. */
export function rewriteLines(w: VclWriter, target: 'bereq' | 'beresp' | 'resp', rewrites: HeaderRewrite[], route: RouteRule, attempt: Attempt) {
  for (const rewrite of rewrites) {
    if (rewrite.routes && !rewrite.routes.includes(route.name)) continue;
    attempt(`headers rewrite of ${'set' in rewrite ? rewrite.set : rewrite.remove}`, () => {
      if ('set' in rewrite) w.line(`set ${target}.http.${headerName(rewrite.set)} = ${vclString(rewrite.value)};`);
      else w.line(`unset ${target}.http.${headerName(rewrite.remove)};`);
    });
  }
}

/** A chain over the route names that have something to do, from the route saved in the backend task. */
export function perRoute(w: VclWriter, routes: RouteRule[], body: (route: RouteRule, into: VclWriter) => void) {
  const branches: Array<[string, () => void]> = [];
  for (const route of routes) {
    const probe = new VclWriter();
    body(route, probe);
    if (probe.toString().trim() === '') continue;
    branches.push([`var.get("route") == ${vclString(route.name)}`, () => body(route, w)]);
  }
  w.chain(branches);
}
