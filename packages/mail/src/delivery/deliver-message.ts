import type { Executor } from '@hatago/db';
import { childSpan, SpanKind } from '@hatago/platform/tracing';
import { asSendError, type MailProvider, type OutgoingMessage, type SendResult } from '../providers/mail-provider.ts';
import { suppressionKey } from '../suppression/is-suppressed.ts';
import type { TemplateRegistry } from '../templates/template-registry.ts';
import type { ClaimedMessage, Outcome } from './message-lease.ts';
import { type RetryPolicy, retryDelayMs } from './retry-policy.ts';

export interface DeliveryContext {
  db: Executor;
  provider: MailProvider;
  retry: RetryPolicy;
  templates: TemplateRegistry;
  /** Which of a batch's addresses are suppressed, as suppression keys (see suppressedAmong). */
  suppressedAmong: (db: Executor, addresses: readonly string[]) => Promise<Set<string>>;
}

/**
 * One attempt at one claimed message: render it now (templates may have improved since it
 * was queued), skip suppressed addresses (`suppressed`: the batch's, looked up when it was
 * claimed), send (through `send`: the provider's, or a share of a batch sent together), and
 * classify what happened. Never throws for a provider's failure; that is an outcome like any other.
 */
export async function attemptDelivery(
  ctx: DeliveryContext,
  message: ClaimedMessage,
  suppressed: ReadonlySet<string>,
  send: (outgoing: OutgoingMessage) => Promise<SendResult> = (outgoing) => ctx.provider.send(outgoing),
): Promise<Outcome> {
  // a message whose leases keep expiring (it crashes or stalls every worker) must stop somewhere
  if (message.attempts > ctx.retry.maxAttempts) return { kind: 'dead', error: `gave up after ${message.attempts - 1} attempts` };
  let rendered;
  try {
    rendered = await childSpan('@hatago/mail', `mail render ${message.template}`, {}, async () => ctx.templates.render(message.template, message.params, message.locale));
  } catch (error) {
    return { kind: 'failed', error: `cannot render: ${(error as Error).message}` };
  }
  if (message.channel === 'email' && suppressed.has(suppressionKey(message.recipient))) return { kind: 'suppressed' };
  try {
    const outgoing: OutgoingMessage = { id: message.id, channel: message.channel, recipient: message.recipient, category: message.category, template: message.template, rendered };
    const attributes = { 'hatago.mail.provider': ctx.provider.name, 'hatago.mail.channel': message.channel };
    const result = await childSpan('@hatago/mail', `${ctx.provider.name} send`, { kind: SpanKind.CLIENT, attributes }, () => send(outgoing));
    return rendered.channel === 'email'
      ? { kind: 'sent', provider: ctx.provider.name, providerMessageId: result.providerMessageId, subject: rendered.subject, html: rendered.html, text: rendered.text }
      : { kind: 'sent', provider: ctx.provider.name, providerMessageId: result.providerMessageId, subject: rendered.text.slice(0, 200), html: null, text: rendered.text };
  } catch (error) {
    const failure = asSendError(error);
    if (failure.kind === 'permanent') return { kind: 'failed', error: failure.reason };
    if (message.attempts >= ctx.retry.maxAttempts) return { kind: 'dead', error: `${failure.reason} (attempt ${message.attempts} of ${ctx.retry.maxAttempts})` };
    return { kind: 'retry', error: failure.reason, delayMs: Math.max(retryDelayMs(message.attempts, ctx.retry), failure.retryAfterMs ?? 0) };
  }
}
