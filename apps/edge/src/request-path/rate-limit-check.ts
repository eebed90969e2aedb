import { PROBLEMS } from '@hatago/edge-rules';
import type { RateLimitRefusal, RateLimitSpec } from '../protection/rate-limits.ts';
import type { CompiledRoute } from '../routing/compiled-rules.ts';
import { proceed } from './cache-or-pass.ts';
import type { Arrival, EdgeContext } from './edge-context.ts';
import { refuse } from './refuse.ts';

/** Counts the routed request against every rate limit it matches, then refuses it (429) or lets it proceed. */
export function checkRateLimits(edge: EdgeContext, arrival: Arrival, route: CompiledRoute): void {
  const { req, res, rules } = arrival;
  let limits: RateLimitSpec[] | undefined;
  for (const limit of rules.rateLimits) if (limit.matches(arrival.view)) (limits ??= []).push(limit.spec);
  if (limits === undefined) return proceed(edge, arrival, route);
  const verdict = edge.rateLimits.take(limits, rules.clientAddress.of(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for']));
  if (!(verdict instanceof Promise)) return refuseOrProceed(edge, arrival, route, verdict);
  // counted in the primary (a client that left meanwhile is not forwarded); the counter falls back to this
  // worker's own count itself, so a rejection is a bug and must not lock clients out
  verdict.then(
    (refusal) => (res.destroyed ? undefined : refuseOrProceed(edge, arrival, route, refusal)),
    (error: unknown) => {
      edge.logger.error({ err: error, reqId: arrival.requestId }, 'rate limit check failed; letting the request through');
      proceed(edge, arrival, route);
    },
  );
}

function refuseOrProceed(edge: EdgeContext, arrival: Arrival, route: CompiledRoute, refusal: RateLimitRefusal | undefined): void {
  if (refusal === undefined) return proceed(edge, arrival, route);
  refuse(edge, arrival, PROBLEMS.tooManyRequests, `rate-${refusal.limit}`, { 'retry-after': String(refusal.retryAfter) });
}
