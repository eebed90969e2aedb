import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@hatago/platform/logging';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { EdgeBroadcast } from './proxy/edge-exchange.ts';

/**
 * Multi-process mode (EDGE_WORKERS > 1): the primary forks workers that share the public
 * and admin ports (node:cluster hands each new connection to one of them), relays
 * broadcasts between them (purges, health changes), forwards SIGHUP, answers /metrics
 * for the whole edge by aggregating every worker's registry, and replaces a worker that dies.
 */

const BROADCAST = 'hatago-edge:broadcast';
const METRICS_ASK = 'hatago-edge:metrics?';
const METRICS_ANSWER = 'hatago-edge:metrics';

interface BroadcastMessage {
  type: typeof BROADCAST;
  topic: string;
  payload: unknown;
}

const isMessage = <T extends { type: string }>(message: unknown, type: T['type']): message is T =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

export function runEdgePrimary(workers: number, logger: Logger): void {
  const aggregator = new AggregatorRegistry();
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (isMessage<BroadcastMessage>(message, BROADCAST)) {
        for (const other of Object.values(cluster.workers ?? {})) if (other && other !== worker && other.isConnected()) other.send(message);
      } else if (isMessage<{ type: string; id: number }>(message, METRICS_ASK)) {
        aggregator.clusterMetrics().then(
          (text) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, text }),
          (error: Error) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, error: error.message }),
        );
      }
    });
    return worker;
  };
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'edge worker died; starting another');
    fork();
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
