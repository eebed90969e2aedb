import { type EdgeRules, PROBLEMS } from '@hatago/edge-rules';
import { problemBody } from '../problem-body.ts';
import { duration, vclString, type VclWriter } from '../vcl-text.ts';

// replayed on another instance after a failed connection, as the Node edge does (apps/edge/src/proxy/origin-client.ts)
const IDEMPOTENT = '^(GET|HEAD|OPTIONS|PUT|DELETE)$';

/**
 * A failed fetch, answered as the Node edge answers it: a first-byte timeout is 504 and is
 * not retried (VCL does not say why a fetch failed; the time spent does); a failed
 * connection is retried once on another instance when the request may be replayed, then 503.
 * One difference remains: a connection reset before the response (the Node edge: 502) is
 * also 503 here, since VCL cannot tell it from a refused connection.
 */
export function writeBackendError(w: VclWriter, backends: EdgeRules['backends']) {
  w.block('sub vcl_backend_error', () => {
    w.chain(
      Object.entries(backends).map(([name, backend]): [string, () => void] => [
        // 90%: Varnish's timer may fire a little before the full timeout, a refused connection fails at once
        `var.get("backend") == ${vclString(name)} && now - bereq.time >= ${duration(Math.floor(backend.firstByteTimeoutMs * 0.9))}`,
        () => w.line('var.set("timed-out", "yes");'),
      ]),
    );
    w.block(
      `if (var.get("timed-out") != "yes" && bereq.retries == 0 && (bereq.method ~ "${IDEMPOTENT}" || (bereq.method == "POST" && bereq.http.Idempotency-Key)))`,
      () => w.line('return (retry);'),
    );
    w.block('if (bereq.is_bgfetch || var.get("stale-kept") == "kept")', () => w.line('return (abandon);'));
    w.line('set beresp.ttl = 0s;');
    w.line('set beresp.grace = 0s;');
    w.line('set beresp.uncacheable = true;');
    w.line('set beresp.http.Cache-Control = "no-store";');
    // the request id is the client's (bereq carries it); a key URL keeps the request's path
    w.chain(
      [
        [
          'var.get("timed-out") == "yes"',
          () => {
            w.line('set beresp.status = 504;');
            problemBody(w, PROBLEMS.gatewayTimeout, 'beresp', 'bereq.url', 'bereq.http.X-Request-Id');
          },
        ],
      ],
      () => {
        w.line('set beresp.status = 503;');
        problemBody(w, PROBLEMS.unavailable, 'beresp', 'bereq.url', 'bereq.http.X-Request-Id');
      },
    );
  });
  w.line();
}
