import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@hatago/platform/logging';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { LocalRateLimits, type RateLimitCounter, type RateLimitRefusal, type RateLimitSpec } from './protection/rate-limits.ts';
import type { EdgeBroadcast } from '@hatago/http-cache';

/**
 * Multi-process mode (EDGE_WORKERS > 1): the primary forks workers that share the public
 * and admin ports (node:cluster hands each new connection to one of them), relays
 * broadcasts between them (purges, health changes), counts the per-client rate limits for
 * all of them, forwards SIGHUP, answers /metrics for the whole edge by aggregating every
 * worker's registry, and replaces a worker that dies.
 */

const BROADCAST = 'hatago-edge:broadcast';
const METRICS_ASK = 'hatago-edge:metrics?';
const METRICS_ANSWER = 'hatago-edge:metrics';
const RATE_ASK = 'hatago-edge:rate?';
const RATE_ANSWER = 'hatago-edge:rate';
// a primary too busy to answer this fast must not hold bookings up: the worker counts on its own meanwhile
const RATE_ANSWER_TIMEOUT_MS = 250;

interface RateAsk {
  type: typeof RATE_ASK;
  id: number;
  limits: RateLimitSpec[];
  client: string;
}

interface RateAnswer {
  type: typeof RATE_ANSWER;
  id: number;
  refusal: RateLimitRefusal | null;
}

interface BroadcastMessage {
  type: typeof BROADCAST;
  topic: string;
  payload: unknown;
}

const isMessage = <T extends { type: string }>(message: unknown, type: T['type']): message is T =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

export function runEdgePrimary(workers: number, logger: Logger): void {
  const aggregator = new AggregatorRegistry();
  const rateLimits = new LocalRateLimits();
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (isMessage<BroadcastMessage>(message, BROADCAST)) {
        for (const other of Object.values(cluster.workers ?? {})) if (other && other !== worker && other.isConnected()) other.send(message);
      } else if (isMessage<RateAsk>(message, RATE_ASK)) {
        const refusal = rateLimits.take(message.limits, message.client) ?? null;
        if (worker.isConnected()) worker.send({ type: RATE_ANSWER, id: message.id, refusal } satisfies RateAnswer);
      } else if (isMessage<{ type: string; id: number }>(message, METRICS_ASK)) {
        aggregator.clusterMetrics().then(
          (text) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, text }),
          (error: Error) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, error: error.message }),
        );
      }
    });
    return worker;
  };
  // a worker that cannot start (a rules file on disk that a reload refused: exit 78) would die again at
  // once; quick deaths in a row wait longer each time instead of forking in a tight loop
  const started = new WeakMap<Worker, number>();
  let quickDeaths = 0;
  cluster.on('fork', (worker: Worker) => started.set(worker, Date.now()));
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) return;
    quickDeaths = Date.now() - (started.get(worker) ?? 0) < 10_000 ? quickDeaths + 1 : 0;
    const restartInMs = quickDeaths === 0 ? 0 : Math.min(30_000, 500 * 2 ** (quickDeaths - 1));
    logger.error({ pid: worker.process.pid, code, signal, restartInMs }, code === 78 ? 'edge worker refused its configuration; starting another' : 'edge worker died; starting another');
    setTimeout(() => stopping || fork(), restartInMs);
  });
  for (let i = 0; i < workers; i++) fork();
  logger.info({ workers }, 'edge primary started');

  process.on('SIGHUP', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGHUP');
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => !!worker);
    let left = running.length;
    if (left === 0) process.exit(0);
    // each worker drains on its own signal handler (readiness, in-flight requests, pools)
    for (const worker of running) {
      worker.once('exit', () => --left === 0 && process.exit(0));
      worker.process.kill(signal);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** The broadcast of a worker process; a no-op outside cluster mode. */
export function processBroadcast(): EdgeBroadcast {
  const handlers = new Map<string, Array<(payload: unknown) => void>>();
  if (cluster.isWorker) {
    process.on('message', (message: unknown) => {
      if (!isMessage<BroadcastMessage>(message, BROADCAST)) return;
      for (const handler of handlers.get(message.topic) ?? []) handler(message.payload);
    });
  }
  return {
    send(topic, payload) {
      if (cluster.isWorker && process.connected) process.send!({ type: BROADCAST, topic, payload } satisfies BroadcastMessage);
    },
    on(topic, handler) {
      handlers.set(topic, [...(handlers.get(topic) ?? []), handler]);
    },
  };
}

/**
 * In a worker: `offer` hands the edge's registry to the primary's aggregation; `text` gets
 * the whole edge's metrics (every worker's, summed) from the primary.
 */
export function clusterMetrics(): { offer(registry: Registry): void; text(): Promise<string> } {
  // constructing an aggregator registers the worker's answer to the primary's collection requests
  new AggregatorRegistry();
  let next = 0;
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  process.on('message', (message: unknown) => {
    if (!isMessage<{ type: string; id: number; text?: string; error?: string }>(message, METRICS_ANSWER)) return;
    const waiter = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.text ?? '');
  });
  return {
    offer: (registry) => AggregatorRegistry.setRegistries([registry]),
    text: () =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        process.send!({ type: METRICS_ASK, id });
      }),
  };
}

/**
 * In a worker: per-client rate limits counted by the primary, one count for the whole edge
 * (a client's connections land on different workers). When the primary does not answer in
 * time or is gone, the worker counts on its own rather than hold the request or let it
 * through uncounted.
 */
export function primaryRateLimits(): RateLimitCounter {
  const local = new LocalRateLimits();
  let next = 0;
  const waiting = new Map<number, { resolve: (refusal: RateLimitRefusal | undefined) => void; timer: NodeJS.Timeout }>();
  process.on('message', (message: unknown) => {
    if (!isMessage<RateAnswer>(message, RATE_ANSWER)) return;
    const waiter = waiting.get(message.id);
    if (waiter === undefined) return;
    waiting.delete(message.id);
    clearTimeout(waiter.timer);
    waiter.resolve(message.refusal ?? undefined);
  });
  return {
    take(limits, client) {
      if (!cluster.isWorker || !process.connected) return local.take(limits, client);
      return new Promise((resolve) => {
        const id = ++next;
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(local.take(limits, client));
        }, RATE_ANSWER_TIMEOUT_MS);
        waiting.set(id, { resolve, timer });
        process.send!({ type: RATE_ASK, id, limits: [...limits], client } satisfies RateAsk);
      });
    },
    close() {
      local.close();
    },
  };
}
