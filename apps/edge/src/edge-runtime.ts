import { type BackendRule, type EdgeRules, EdgeRulesError, formatRulePath, validateEdgeRules } from '@hatago/edge-rules';
import type { EdgeBroadcast } from '@hatago/http-cache';
import type { Logger } from '@hatago/platform/logging';
import type { EdgeMetrics } from './admin/edge-metrics.ts';
import { BackendPool } from './balancing/backend-pool.ts';
import { FlagFeed, type FlagFeedReport } from './flags/flag-feed.ts';
import { originClientFor, type OriginClient, type OriginObserver } from './proxy/origin-client.ts';
import { compileRules, type CompiledRules } from './routing/compiled-rules.ts';

/** The request-path state swapped as one object on reload, so a request never sees half of two rule sets. */
export interface EdgeRuntime {
  rules: CompiledRules;
  pools: Map<string, BackendPool>;
  /** Origin clients per `route>backend`, built once per load (they close over the route's response rewrites). */
  origins: Map<string, OriginClient>;
  /** The flag feed the rules name, polling from the moment the runtime is built; closed when it is replaced. */
  flags: FlagFeed | undefined;
}

/** What building a runtime needs besides the rules, fixed for the server's life. */
export interface RuntimeWiring {
  /** Instance origins per backend name. */
  instances: Record<string, string[]>;
  metrics: EdgeMetrics;
  logger: Logger;
  broadcast: EdgeBroadcast;
  /** Start health probes as soon as a pool is built. */
  probes: boolean;
  observer: OriginObserver;
  flagReport: FlagFeedReport;
}

/** Reports origin retries and timings to the edge's metrics and log. */
export function originObserver(metrics: EdgeMetrics, logger: Logger): OriginObserver {
  return {
    retried: (backend, instance, reason) => {
      metrics.retries.labels(backend, reason).inc();
      logger.warn({ backend, instance, reason }, 'retrying on another instance');
    },
    answered: (backend, _instance, seconds) => metrics.observeOrigin(backend, seconds),
  };
}

/** Reports the flag feed's polls to the edge's metrics, and to its log when it starts or stops failing. */
export function flagFeedReport(metrics: EdgeMetrics, logger: Logger): FlagFeedReport {
  return {
    failed: (reason, { kept, first }) => {
      metrics.flagFeedFailures.labels(reason).inc();
      if (first) logger.warn({ reason, kept }, kept ? 'flag feed failed: keeping the last flags' : 'flag feed failed: no flags yet');
    },
    recovered: (flags) => logger.info({ flags }, 'flag feed answered'),
    polled: () => metrics.flagFeedLastSuccess.set(Date.now() / 1000),
  };
}

/**
 * Validates and compiles the rules (throws EdgeRulesError when invalid) with their pools and
 * origin clients. A backend whose rule is unchanged keeps its pool from `previous`, health included.
 */
export function buildRuntime(rules: EdgeRules, wiring: RuntimeWiring, previous?: EdgeRuntime): EdgeRuntime {
  const problems = validateEdgeRules(rules);
  if (problems.length) throw new EdgeRulesError(problems.map((p) => `${formatRulePath(p.path) || '(rules)'}: ${p.message}`));
  const pools = new Map<string, BackendPool>();
  for (const [name, rule] of Object.entries(rules.backends)) {
    const kept = previous?.pools.get(name);
    pools.set(name, kept && JSON.stringify(kept.rule) === JSON.stringify(rule) ? kept : buildPool(name, rule, wiring));
  }
  const compiled = compileRules(rules);
  const origins = new Map<string, OriginClient>();
  for (const route of compiled.routes) {
    for (const backend of [route.backend, route.rollout?.backend]) {
      if (backend) origins.set(`${route.name}>${backend}`, originClientFor(pools.get(backend)!, route.editResponse, wiring.observer));
    }
  }
  return { rules: compiled, pools, origins, flags: flagFeedFor(rules, pools, wiring, previous) };
}

/** The rules' flag feed, started; it takes over the previous one's flags while it reads the same feed, so a reload changes no decision. */
function flagFeedFor(rules: EdgeRules, pools: Map<string, BackendPool>, wiring: RuntimeWiring, previous: EdgeRuntime | undefined): FlagFeed | undefined {
  if (!rules.flags) return undefined;
  const before = previous?.flags;
  const same = before && before.rule.backend === rules.flags.backend && before.rule.path === rules.flags.path;
  const feed = new FlagFeed(rules.flags, pools.get(rules.flags.backend)!, wiring.flagReport, same ? before.state : undefined);
  feed.start();
  return feed;
}

function buildPool(name: string, rule: BackendRule, { instances, metrics, logger, broadcast, probes }: RuntimeWiring): BackendPool {
  const origins = instances[name] ?? [];
  if (origins.length === 0) logger.warn({ backend: name }, 'backend has no instances: its routes answer 503');
  const pool = new BackendPool(name, rule, origins);
  for (const instance of pool.instances) metrics.instanceHealthy.labels(name, instance.origin).set(1);
  pool.on('health', (change) => {
    metrics.instanceHealthy.labels(change.backend, change.instance).set(change.healthy ? 1 : 0);
    logger[change.healthy ? 'info' : 'warn'](change, change.healthy ? 'instance rejoined' : 'instance left the pool');
    broadcast.send('health', change);
  });
  if (probes) pool.startProbes();
  return pool;
}
