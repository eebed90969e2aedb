import { isSyntheticRoute, type ProxyRoute, type RouteRule } from '@hatago/edge-rules';
import { H } from '../internal-headers.ts';
import { cookieValue, queryValue } from '../match-condition.ts';
import type { Attempt } from '../refusals.ts';
import { escapeRegex, vclRegex, vclString, type VclWriter } from '../vcl-text.ts';

// as long as the Node edge keeps a tester on the canary (apps/edge/src/routing/rollout.ts)
const ROLLOUT_COOKIE_ATTRIBUTES = '; Path=/; Max-Age=604800; SameSite=Lax; HttpOnly';

/** Backend choice (with rollout), synthetic answers, pass or lookup, per matched route. */
export function writeRouteActions(w: VclWriter, routes: RouteRule[], directors: Map<string, string>, attempt: Attempt) {
  w.block('sub hatago_route', () => {
    const branches: Array<[string, () => void]> = [];
    for (const route of routes) {
      const test = `req.http.${H.route} == ${vclString(route.name)}`;
      if (isSyntheticRoute(route)) {
        branches.push([test, () => {
          w.line(`set req.http.${H.synth} = ${vclString(`route:${route.name}`)};`);
          w.line(`return (synth(${route.synthetic.status}));`);
        }]);
        continue;
      }
      attempt(`routes "${route.name}"`, () => {
        const stable = directors.get(route.backend);
        const rollout = route.rollout;
        const canary = rollout && directors.get(rollout.backend);
        branches.push([
          test,
          () => {
            w.line(`set req.backend_hint = ${stable}.backend();`);
            w.line(`set req.http.${H.backend} = ${vclString(route.backend)};`);
            if (rollout && canary) writeRollout(w, rollout, canary);
            w.line(`set req.http.${H.policy} = "${route.cache === 'pass' ? 'pass' : 'cache'}";`);
          },
        ]);
      });
    }
    w.chain(branches);
  });
  w.line();
}

function writeRollout(w: VclWriter, rollout: NonNullable<ProxyRoute['rollout']>, canary: string) {
  const cookie = escapeRegex(rollout.cookie);
  const remembered = cookieValue(rollout.cookie);
  const hasCookie = `req.http.Cookie ~ ${vclRegex(`(^|;)\\s*${cookie}\\s*=`)}`;
  // as the Node edge: while the canary has no healthy instance its visitors get the stable pages (their cookie stays)
  const toCanary = () =>
    w.block(`if (std.healthy(${canary}.backend()))`, () => {
      w.line(`set req.backend_hint = ${canary}.backend();`);
      w.line(`set req.http.${H.backend} = ${vclString(rollout.backend)};`);
    });
  const remember = (value: '0' | '1') => w.line(`set req.http.${H.setCookie} = ${vclString(`${rollout.cookie}=${value}${ROLLOUT_COOKIE_ATTRIBUTES}`)};`);
  w.line(`# rollout to ${rollout.backend}: ?${rollout.query}=1|0 wins and is remembered, then the ${rollout.cookie} cookie, then a ${rollout.percent}% draw`);
  if (rollout.flag) w.line(`# (the Node edge lets the ${rollout.flag} flag decide once its feed knows it; Varnish cannot poll the feed, so this is the whole rule here)`);
  w.line(`set req.http.${H.asked} = ${queryValue(rollout.query)};`);
  w.chain(
    [
      [
        `req.http.${H.asked} ~ "^[01]$"`,
        () => {
          w.block(`if (req.http.${H.asked} == "1")`, toCanary);
          w.block(`if (!(${hasCookie}) || ${remembered} != req.http.${H.asked})`, () => {
            w.line(`set req.http.${H.setCookie} = ${vclString(`${rollout.cookie}=`)} + req.http.${H.asked} + ${vclString(ROLLOUT_COOKIE_ATTRIBUTES)};`);
          });
        },
      ],
      [`${hasCookie} && ${remembered} ~ "^[01]$"`, () => w.block(`if (${remembered} == "1")`, toCanary)],
      ...(rollout.percent > 0
        ? ([
            [
              `std.random(0, 100) < ${rollout.percent}`,
              () => {
                toCanary();
                remember('1');
              },
            ],
            ['true', () => remember('0')],
          ] as Array<[string, () => void]>)
        : []),
    ],
  );
}
