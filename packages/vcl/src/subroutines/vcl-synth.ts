import { type EdgeProblem, type HeaderRewrite, HTTP_METHODS, isSyntheticRoute, PROBLEMS, type RouteRule } from '@hatago/edge-rules';
import { H } from '../internal-headers.ts';
import { rewriteLines } from '../per-route.ts';
import { problemBody } from '../problem-body.ts';
import type { Attempt } from '../refusals.ts';
import { vclString, type VclWriter } from '../vcl-text.ts';

const EDGE_ANSWERS: EdgeProblem[] = [
  PROBLEMS.notFound,
  PROBLEMS.methodNotAllowed,
  PROBLEMS.tooLarge,
  PROBLEMS.uriTooLong,
  PROBLEMS.tooManyRequests,
];

/** `vcl_synth`: every answer the VCL gives itself (redirects, the purge API, synthetic routes, refusals) and the way back to a kept stale entry. */
export function writeSynth(w: VclWriter, routes: RouteRule[], rewrites: HeaderRewrite[], attempt: Attempt) {
  w.block('sub vcl_synth', () => {
    w.line('# a foreground refresh abandoned for a failed origin: back to the stale entry it kept');
    w.block(`if (req.http.${H.staleKept} == "kept" && resp.status == 503)`, () => {
      w.line(`set req.http.${H.staleKept} = "serve";`);
      w.line('return (restart);');
    });
    w.line('set resp.http.X-Request-Id = req.http.X-Request-Id;');
    w.line('set resp.http.Cache-Control = "no-store";');
    w.block(`if (req.http.${H.location})`, () => {
      w.line(`set resp.http.Location = req.http.${H.location};`);
      w.line('set resp.http.Content-Length = "0";');
      w.line('return (deliver);');
    });
    w.block('if (local.socket == "admin")', () => {
      w.line('set resp.http.Content-Type = "application/json";');
      w.block('if (resp.status == 401)', () => w.line('set resp.http.WWW-Authenticate = {"Bearer realm="hatago-edge-admin""};'));
      const answers: Array<[number, object]> = [
        [200, {}],
        [400, { type: 'about:blank', status: 400, title: 'Bad Request', detail: 'One surrogate key per request.' }],
        [401, { type: 'about:blank', status: 401, title: 'Unauthorized', detail: 'A valid bearer token is required.' }],
        [403, { type: 'about:blank', status: 403, title: 'Forbidden', detail: 'This address may not use the admin listener.' }],
        [404, { type: 'about:blank', status: 404, title: 'Not Found' }],
      ];
      w.chain(
        answers.map(([status, body]): [string, () => void] => [
          `resp.status == ${status}`,
          () => {
            if (status === 200) w.line(`synthetic(${vclString('{"purged":')} + req.http.${H.purged} + "}");`);
            else w.line(`synthetic(${vclString(JSON.stringify(body))});`);
          },
        ]),
      );
      w.line('return (deliver);');
    });
    for (const route of routes) {
      if (!isSyntheticRoute(route)) continue;
      attempt(`routes "${route.name}".synthetic`, () => {
        const { synthetic } = route;
        w.block(`if (req.http.${H.synth} == ${vclString(`route:${route.name}`)})`, () => {
          w.line(`set resp.http.Content-Type = ${vclString(synthetic.contentType)};`);
          if (synthetic.retryAfterSeconds !== undefined) w.line(`set resp.http.Retry-After = "${synthetic.retryAfterSeconds}";`);
          rewriteLines(w, 'resp', rewrites, route, attempt);
          w.line(`synthetic(${vclString(synthetic.body)});`);
          w.line('return (deliver);');
        });
      });
    }
    w.block(`if (req.http.${H.synth} ~ "^retry-after:")`, () => w.line(`set resp.http.Retry-After = regsub(req.http.${H.synth}, "^retry-after:", "");`));
    w.block('if (resp.status == 405)', () => w.line(`set resp.http.Allow = "${HTTP_METHODS.join(', ')}";`));
    w.line('# the edge\'s own answers: problem+json for the API, a friendly page otherwise, both with the request id');
    const branches: Array<[string, () => void]> = EDGE_ANSWERS.map((problem) => [
      `resp.status == ${problem.status}`,
      () => {
        w.line(`set resp.reason = ${vclString(problem.title)};`);
        problemBody(w, problem, 'resp', 'req.url', 'req.http.X-Request-Id');
      },
    ]);
    w.chain(branches);
  });
}
