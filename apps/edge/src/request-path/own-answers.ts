import { type CompiledSynthetic, redirectFor } from '../routing/compiled-rules.ts';
import type { Arrival } from './edge-context.ts';

/** Answers a request a redirect rule matches, before any route is looked at. */
export function answeredByRedirect(arrival: Arrival): boolean {
  const { view, res } = arrival;
  const redirect = redirectFor(arrival.rules, view);
  if (!redirect) return false;
  arrival.route = redirect.name;
  arrival.cache = 'SYNTH';
  res.writeHead(redirect.status, { location: redirect.location(view), 'content-length': 0, 'x-request-id': arrival.requestId });
  res.end();
  return true;
}

/** Answers a synthetic route (maintenance pages, robots.txt, …) with the response its rule states. */
export function answerSynthetic(arrival: Arrival, synthetic: CompiledSynthetic): void {
  arrival.cache = 'SYNTH';
  arrival.req.resume();
  arrival.res.writeHead(synthetic.status, { ...synthetic.headers, 'x-request-id': arrival.requestId });
  arrival.res.end(synthetic.body);
}
