import http from 'node:http';
import type { EdgeRules } from '@hatago/edge-rules';
import { createLogger } from '@hatago/platform/logging';
import { EdgeMetrics } from '../../src/admin/edge-metrics.ts';
import { buildRuntime, flagFeedReport, originObserver } from '../../src/edge-runtime.ts';
import { LocalRateLimits } from '../../src/protection/rate-limits.ts';
import { UntrustedForwardingWatch } from '../../src/protection/untrusted-forwarding.ts';
import type { Arrival, EdgeContext } from '../../src/request-path/edge-context.ts';
import { arrive } from '../../src/request-path/handle-request.ts';
import { closeAll, listen } from './test-origins.ts';

/** The context a stage reads, around `rules` (instances optional: a stage test rarely reaches an origin). */
export function stageContext(rules: EdgeRules, overrides: Partial<EdgeContext> = {}, instances: Record<string, string[]> = {}): EdgeContext {
  const metrics = new EdgeMetrics();
  const logger = createLogger('edge-stage-test', 'silent');
  const wiring = { instances, metrics, logger, broadcast: { send: () => undefined, on: () => undefined }, probes: false, observer: originObserver(metrics, logger), flagReport: flagFeedReport(metrics, logger) };
  return { runtime: buildRuntime(rules, wiring), metrics, logger, accessLog: undefined, cache: undefined, rateLimits: new LocalRateLimits(), untrustedForwarding: new UntrustedForwardingWatch(logger), ...overrides };
}

/** How many requests the edge refused for `reason`. */
export async function refusedCount(edge: EdgeContext, reason: string): Promise<number> {
  const metric = await edge.metrics.refused.get();
  return metric.values.find((value) => value.labels.reason === reason)?.value ?? 0;
}

export interface StageServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A listener that runs one stage on every request, as the edge would have it arrive.
 * Whatever the stage leaves unanswered gets 299 "passed", so a test sees that it let the request through.
 */
export async function serveStage(edge: EdgeContext, stage: (arrival: Arrival, url: string) => unknown): Promise<StageServer> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const arrival = arrive(edge, req, res, url);
    Promise.resolve(stage(arrival, url)).then(() => {
      if (!res.headersSent) {
        req.resume();
        res.writeHead(299, { 'content-type': 'text/plain' });
        res.end('passed');
      }
    });
  });
  const url = await listen(server);
  return { url, close: () => closeAll(server) };
}
