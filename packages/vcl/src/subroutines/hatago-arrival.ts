import { type EdgeRules, isSyntheticRoute } from '@hatago/edge-rules';
import { H, PATH } from '../internal-headers.ts';
import { vclString, type VclWriter } from '../vcl-text.ts';

const REQUEST_ID = '^[A-Za-z0-9._-]{1,64}$';
const TRACEPARENT = '^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$';

/** `hatago_arrival`: clears internal headers, sets request id, trace context and forwarding headers, refuses by address and method; `hatago_body`: the body limits. */
export function writeArrival(w: VclWriter, rules: EdgeRules) {
  w.block('sub hatago_arrival', () => {
    for (const header of Object.values(H)) if (header !== H.staleKept) w.line(`unset req.http.${header};`);
    w.block('if (req.restarts == 0)', () => w.line(`unset req.http.${H.staleKept};`));
    w.line('# X-Request-Id: the client\'s when well formed, otherwise a new one (time, request number, random)');
    w.block(`if (req.http.X-Request-Id !~ "${REQUEST_ID}")`, () => {
      w.line('set req.http.X-Request-Id = "v" + std.integer(time=now) + "-" + req.xid + "-" + std.integer(real=std.random(0, 999999999999));');
    });
    w.line('# W3C trace context: kept when valid, otherwise a new trace starts here');
    w.block(`if (!req.http.traceparent || req.http.traceparent !~ "${TRACEPARENT}")`, () => {
      w.line('unset req.http.tracestate;');
      // 16 digits hex-encoded are 16 random bytes' worth of hex that is never all zeros
      const digits = (n: number) => Array.from({ length: n }, () => '"" + std.integer(real=std.random(10000000, 99999999))').join(' + ');
      w.line(`set req.http.traceparent = "00-" + blob.encode(HEX, LOWER, blob=blob.decode(IDENTITY, encoded=${digits(2)})) + "-" + blob.encode(HEX, LOWER, blob=blob.decode(IDENTITY, encoded=${digits(1)})) + "-01";`);
    });
    w.line('# what this hop received: the client\'s claim of https is not evidence');
    w.line('set req.http.X-Forwarded-Proto = "http";');
    w.line('set req.http.X-Forwarded-Host = req.http.host;');
    w.line(`set ${PATH} = regsub(req.url, "\\?.*$", "");`);
    w.line('# refused in the Node edge\'s order: the address and the method here, the body once routes and rate limits have spoken');
    w.block(`if (req.url ~ "^.{${rules.limits.maxUrlBytes + 1}}")`, () => w.line('return (synth(414));'));
    w.line('# other methods than GET and HEAD pass (vcl_recv); PURGE has its own door, the admin listener');
    w.block('if (req.method ~ "^(TRACE|CONNECT|PURGE)$")', () => w.line('return (synth(405));'));
  });
  w.line();
  const limit = (bytes: number) => () => {
    w.block(`if (std.integer(req.http.Content-Length, 0) > ${bytes})`, () => w.line('return (synth(413));'));
    w.line('# bodies are read before anything is sent, as the Node edge does: a chunked one is measured, and any can be replayed on a retry');
    w.block(`if (req.method ~ "^(POST|PUT|PATCH|DELETE|OPTIONS)$" && !std.cache_req_body(${bytes}B))`, () => w.line('return (synth(413));'));
  };
  // routes with a limit of their own (uploads) are told apart by the route hatago_match chose
  const ownLimits = rules.routes.flatMap((route) =>
    route.enabled === false || isSyntheticRoute(route) || route.maxBodyBytes === undefined
      ? []
      : [[`req.http.${H.route} == ${vclString(route.name)}`, limit(route.maxBodyBytes)] as [string, () => void]],
  );
  w.block('sub hatago_body', () => {
    if (ownLimits.length === 0) limit(rules.limits.maxBodyBytes)();
    else w.chain(ownLimits, limit(rules.limits.maxBodyBytes));
  });
  w.line();
}
