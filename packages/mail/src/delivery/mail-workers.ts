import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Executor } from '@hatago/db';
import type { Logger } from '@hatago/platform/logging';
import { continueTrace, SpanStatusCode } from '@hatago/platform/tracing';
import type { MailProvider, OutgoingMessage, SendResult } from '../providers/mail-provider.ts';
import { suppressedAmong } from '../suppression/is-suppressed.ts';
import type { TemplateRegistry } from '../templates/template-registry.ts';
import { attemptDelivery, type DeliveryContext } from './deliver-message.ts';
import { type ClaimedMessage, claimMessages, type Outcome, recordOutcomes, releaseMessages } from './message-lease.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
import { SendTogether } from './send-together.ts';
import { TokenBucket } from './token-bucket.ts';

/** What the mailer's metrics hear about each attempt. */
export interface DeliveryObserver {
  /** `queuedMs`: from the message being queued to this attempt's end. */
  attempted(event: { provider: string; outcome: Outcome['kind']; durationMs: number; queuedMs: number }): void;
}

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

/**
 * How long attempts' outcomes may wait to be recorded together in one statement. A process
 * that dies re-sends what it sent but had not recorded (at least once, never lost): this
 * bounds that to a few milliseconds of sends, however large the batch, while a fast
 * provider still records dozens per statement. A slow one records each as it ends.
 */
const OUTCOME_WAIT_MS = 50;

interface Attempt {
  messageId: number;
  outcome: Outcome;
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

  /** One attempt, as part of the trace that queued the message: render and provider call are its spans. */
  function deliverInTrace(
    ctx: DeliveryContext,
    message: ClaimedMessage,
    suppressed: ReadonlySet<string>,
    send?: (outgoing: OutgoingMessage) => Promise<SendResult>,
  ): Promise<Outcome> {
    const attributes = { 'hatago.mail.message_id': message.id, 'hatago.mail.template': message.template, 'hatago.mail.attempt': message.attempts };
    return continueTrace(message.trace_context, '@hatago/mail', `mail deliver ${message.template}`, { attributes }, async (span) => {
      const started = performance.now();
      const outcome = await attemptDelivery(ctx, message, suppressed, send);
      options.observer?.attempted({ provider: ctx.provider.name, outcome: outcome.kind, durationMs: performance.now() - started, queuedMs: Date.now() - message.queuedAt.getTime() });
      span?.setAttribute('hatago.mail.outcome', outcome.kind);
      if (outcome.kind !== 'sent') {
        span?.setStatus({ code: SpanStatusCode.ERROR, message: outcome.kind });
        log.info({ messageId: message.id, outcome: outcome.kind, ...('error' in outcome ? { error: outcome.error } : {}) }, 'mail not sent');
      }
      return outcome;
    });
  }

  async function record(attempts: Attempt[]): Promise<void> {
    const recorded = await recordOutcomes(options.db, workerId, attempts);
    for (const { messageId } of attempts) {
      if (!recorded.has(messageId)) log.warn({ messageId }, 'lease lost before the outcome was recorded');
    }
  }

  /** Attempts a claimed batch; what it did not get to before stopping or the lease's margin goes back to the queue. */
  async function deliverBatch(ctx: DeliveryContext, batch: ClaimedMessage[], claimedAt: number): Promise<void> {
    const suppressed = await ctx.suppressedAmong(options.db, batch.filter((m) => m.channel === 'email').map((m) => m.recipient));
    const { provider } = ctx;
    if (provider.sendMany && !stopping) return deliverTogether(ctx, new SendTogether((messages) => provider.sendMany!(messages), batch.length), batch, suppressed);
    const pending: Attempt[] = [];
    let firstPendingAt = 0;
    let unsent: number[] = [];
    for (let i = 0; i < batch.length; i++) {
      if (stopping || performance.now() - claimedAt > leaseMs - sendTimeoutMs) {
        unsent = batch.slice(i).map((m) => m.id);
        break;
      }
      const message = batch[i]!;
      pending.push({ messageId: message.id, outcome: await deliverInTrace(ctx, message, suppressed) });
      if (pending.length === 1) firstPendingAt = performance.now();
      if (performance.now() - firstPendingAt >= OUTCOME_WAIT_MS) await record(pending.splice(0));
      // PGlite answers in-process without a trip through the event loop: without this
      // a backlog would keep HTTP requests and timers of the same process waiting
      await nextTurn();
    }
    await record(pending);
    await releaseMessages(options.db, workerId, unsent);
  }

  /** The whole batch side by side, each attempt in its own trace, their sends in one provider call. */
  async function deliverTogether(ctx: DeliveryContext, together: SendTogether, batch: ClaimedMessage[], suppressed: ReadonlySet<string>): Promise<void> {
    const attemptOne = async (message: ClaimedMessage): Promise<Attempt> => {
      let sending = false;
      try {
        const outcome = await deliverInTrace(ctx, message, suppressed, (outgoing) => {
          sending = true;
          return together.send(outgoing);
        });
        return { messageId: message.id, outcome };
      } finally {
        // an attempt that ends without sending must not hold back the others' call
        if (!sending) together.skip();
      }
    };
    const running: Array<Promise<Attempt>> = [];
    for (const message of batch) {
      running.push(attemptOne(message));
      // each render runs to its send without a pause: let the process's other work in between
      await nextTurn();
    }
    await record(await Promise.all(running));
  }

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
        await deliverBatch(ctx, batch, claimedAt);
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
