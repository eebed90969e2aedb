import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Executor } from '@hatago/db';
import type { Logger } from '@hatago/platform/logging';
import type { MailProvider } from '../providers/mail-provider.ts';
import { suppressedAmong } from '../suppression/is-suppressed.ts';
import type { TemplateRegistry } from '../templates/template-registry.ts';
import { type BatchWorker, deliverBatch, type DeliveryObserver } from './deliver-batch.ts';
import type { DeliveryContext } from './deliver-message.ts';
import { claimMessages } from './message-lease.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
import { TokenBucket } from './token-bucket.ts';

export type { DeliveryObserver } from './deliver-batch.ts';

export interface MailWorkerOptions {
  db: Executor;
  /** Each provider serves the channels it names; a channel no provider serves stays queued. */
  providers: MailProvider[];
  /** Renders each claimed message by its stored template name; a name it lacks fails the message. */
  templates: TemplateRegistry;
  logger: Logger;
  /** Concurrent worker loops per provider in this process. */
  concurrency?: number;
  /** Most messages one loop claims at a time. */
  batchSize?: number;
  /**
   * How long a claim holds a message. It must exceed a batch's sending time: a loop
   * releases what it has not sent before its lease could run out, so a slow provider
   * never lets two workers send one message.
   */
  leaseMs?: number;
  /** Longest one send may take (the providers' timeout): the margin kept before the lease ends. */
  sendTimeoutMs?: number;
  /** Wait between claims while the queue is empty. */
  pollIntervalMs?: number;
  retry?: RetryPolicy;
  workerId?: string;
  observer?: DeliveryObserver;
  /** Replaces the suppression check (M2's suppression module plugs in here). */
  suppressedAmong?: DeliveryContext['suppressedAmong'];
}

export interface MailWorkers {
  readonly workerId: string;
  /** Stop claiming; in-flight sends finish, claimed but unsent messages go back to the queue. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the delivery loops of one process: per provider, `concurrency` loops that each
 * take rate tokens, claim that many due messages under a lease, check their addresses
 * against the suppression list at once, and attempt them one by one (or side by side, sent
 * in one call, when the provider takes batches). Nothing is acknowledged before it is
 * recorded, so a process that dies at any point leaves its messages to be claimed again
 * when their lease ends.
 */
export function startMailWorkers(options: MailWorkerOptions): MailWorkers {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const concurrency = options.concurrency ?? 2;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 120_000;
  const sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const log = options.logger.child({ workerId });

  let stopping = false;
  let signalStop!: () => void;
  const stopped = new Promise<void>((resolve) => (signalStop = resolve));
  const pause = (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([stopped, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
  };
  const worker: BatchWorker = { db: options.db, workerId, log, observer: options.observer, leaseMs, sendTimeoutMs, isStopping: () => stopping };

  async function loop(provider: MailProvider, bucket: TokenBucket, ctx: DeliveryContext): Promise<void> {
    while (!stopping) {
      try {
        const granted = await bucket.take(batchSize, stopped);
        if (stopping) {
          bucket.refund(granted);
          break;
        }
        const claimedAt = performance.now();
        const batch = await claimMessages(options.db, { workerId, channels: provider.channels, limit: granted, leaseMs });
        bucket.refund(granted - batch.length);
        if (batch.length === 0) {
          await pause(pollIntervalMs * (0.5 + Math.random()));
          continue;
        }
        await deliverBatch(worker, ctx, batch, claimedAt);
      } catch (error) {
        // the database is away or a provider threw outside its contract: wait, then claim again
        log.error({ err: error }, 'mail worker loop failed');
        await pause(pollIntervalMs);
      }
    }
  }

  const loops = options.providers.flatMap((provider) => {
    const bucket = new TokenBucket(provider.ratePerSecond);
    const ctx: DeliveryContext = {
      db: options.db,
      provider,
      retry: options.retry ?? DEFAULT_RETRY_POLICY,
      templates: options.templates,
      suppressedAmong: options.suppressedAmong ?? suppressedAmong,
    };
    return Array.from({ length: concurrency }, () => loop(provider, bucket, ctx));
  });
  log.info({ providers: options.providers.map((p) => p.name), concurrency, batchSize, leaseMs }, 'mail workers started');

  let stoppedAll: Promise<void> | undefined;
  return {
    workerId,
    stop() {
      stopping = true;
      signalStop();
      stoppedAll ??= Promise.all(loops).then(() => log.info('mail workers stopped'));
      return stoppedAll;
    },
  };
}
