import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Executor } from '@hatago/db';
import type { Logger } from '@hatago/platform/logging';
import { continueTrace, SpanStatusCode } from '@hatago/platform/tracing';
import type { OutgoingMessage, SendResult } from '../providers/mail-provider.ts';
import { attemptDelivery, type DeliveryContext } from './deliver-message.ts';
import { type ClaimedMessage, type Outcome, recordOutcomes, releaseMessages } from './message-lease.ts';
import { SendTogether } from './send-together.ts';

/** What the mailer's metrics hear about each attempt. */
export interface DeliveryObserver {
  /** `queuedMs`: from the message being queued to this attempt's end. */
  attempted(event: { provider: string; outcome: Outcome['kind']; durationMs: number; queuedMs: number }): void;
}

/** What delivering a claimed batch needs of the worker that claimed it. */
export interface BatchWorker {
  db: Executor;
  workerId: string;
  log: Logger;
  observer?: DeliveryObserver;
  leaseMs: number;
  sendTimeoutMs: number;
  isStopping(): boolean;
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

/** One attempt, as part of the trace that queued the message: render and provider call are its spans. */
function deliverInTrace(
  worker: BatchWorker,
  ctx: DeliveryContext,
  message: ClaimedMessage,
  suppressed: ReadonlySet<string>,
  send?: (outgoing: OutgoingMessage) => Promise<SendResult>,
): Promise<Outcome> {
  const attributes = { 'hatago.mail.message_id': message.id, 'hatago.mail.template': message.template, 'hatago.mail.attempt': message.attempts };
  return continueTrace(message.trace_context, '@hatago/mail', `mail deliver ${message.template}`, { attributes }, async (span) => {
    const started = performance.now();
    const outcome = await attemptDelivery(ctx, message, suppressed, send);
    worker.observer?.attempted({ provider: ctx.provider.name, outcome: outcome.kind, durationMs: performance.now() - started, queuedMs: Date.now() - message.queuedAt.getTime() });
    span?.setAttribute('hatago.mail.outcome', outcome.kind);
    if (outcome.kind !== 'sent') {
      span?.setStatus({ code: SpanStatusCode.ERROR, message: outcome.kind });
      worker.log.info({ messageId: message.id, outcome: outcome.kind, ...('error' in outcome ? { error: outcome.error } : {}) }, 'mail not sent');
    }
    return outcome;
  });
}

async function record(worker: BatchWorker, attempts: Attempt[]): Promise<void> {
  const recorded = await recordOutcomes(worker.db, worker.workerId, attempts);
  for (const { messageId } of attempts) {
    if (!recorded.has(messageId)) worker.log.warn({ messageId }, 'lease lost before the outcome was recorded');
  }
}

/** Attempts a claimed batch; what it did not get to before stopping or the lease's margin goes back to the queue. */
export async function deliverBatch(worker: BatchWorker, ctx: DeliveryContext, batch: ClaimedMessage[], claimedAt: number): Promise<void> {
  const suppressed = await ctx.suppressedAmong(worker.db, batch.filter((m) => m.channel === 'email').map((m) => m.recipient));
  const { provider } = ctx;
  if (provider.sendMany && !worker.isStopping()) return deliverTogether(worker, ctx, new SendTogether((messages) => provider.sendMany!(messages), batch.length), batch, suppressed);
  const pending: Attempt[] = [];
  let firstPendingAt = 0;
  let unsent: number[] = [];
  for (let i = 0; i < batch.length; i++) {
    if (worker.isStopping() || performance.now() - claimedAt > worker.leaseMs - worker.sendTimeoutMs) {
      unsent = batch.slice(i).map((m) => m.id);
      break;
    }
    const message = batch[i]!;
    pending.push({ messageId: message.id, outcome: await deliverInTrace(worker, ctx, message, suppressed) });
    if (pending.length === 1) firstPendingAt = performance.now();
    if (performance.now() - firstPendingAt >= OUTCOME_WAIT_MS) await record(worker, pending.splice(0));
    // PGlite answers in-process without a trip through the event loop: without this
    // a backlog would keep HTTP requests and timers of the same process waiting
    await nextTurn();
  }
  await record(worker, pending);
  await releaseMessages(worker.db, worker.workerId, unsent);
}

/** The whole batch side by side, each attempt in its own trace, their sends in one provider call. */
async function deliverTogether(worker: BatchWorker, ctx: DeliveryContext, together: SendTogether, batch: ClaimedMessage[], suppressed: ReadonlySet<string>): Promise<void> {
  const attemptOne = async (message: ClaimedMessage): Promise<Attempt> => {
    let sending = false;
    try {
      const outcome = await deliverInTrace(worker, ctx, message, suppressed, (outgoing) => {
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
  await record(worker, await Promise.all(running));
}
