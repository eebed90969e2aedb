import type { RouteRule } from '@hatago/edge-rules';
import { H } from '../internal-headers.ts';
import { matchCondition } from '../match-condition.ts';
import type { Attempt } from '../refusals.ts';
import { vclString, type VclWriter } from '../vcl-text.ts';

/** `hatago_match`: names the first matching route. */
export function writeRouteMatch(w: VclWriter, routes: RouteRule[], attempt: Attempt) {
  w.block('sub hatago_match', () => {
    const branches: Array<[string, () => void]> = [];
    for (const route of routes) {
      const condition = attempt(`routes "${route.name}".match`, () => matchCondition(route.match));
      if (condition === undefined) continue;
      branches.push([condition, () => w.line(`set req.http.${H.route} = ${vclString(route.name)};`)]);
    }
    w.chain(branches);
  });
  w.line();
}
