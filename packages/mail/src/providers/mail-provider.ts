import type { MailChannel } from '../mail-tables.ts';
import type { Rendered } from '../templates/template.ts';

/** Carries our id in every mail, so a bounce or a forwarded copy names the message it came from. */
export const MESSAGE_ID_HEADER = 'X-Hatago-Message-Id';

/** A rendered message on its way out: everything a provider needs, nothing it must look up. */
export interface OutgoingMessage {
  /** Our mail_messages id: providers carry it along so their events find the message again. */
  id: number;
  channel: MailChannel;
  /** An email address, or a Slack channel name for notices. */
  recipient: string;
  category: string;
  template: string;
  rendered: Rendered;
}

export interface SendResult {
  /** The provider's own id for the message, when it gives one (SendGrid's X-Message-Id, SMTP Message-ID). */
  providerMessageId: string | null;
}

/**
 * One interface for every way out (SendGrid, SMTP, the dev sink, Slack). A provider either
 * accepts the message or throws a {@link SendError} saying whether trying again can help.
 */
export interface MailProvider {
  readonly name: string;
  readonly channels: readonly MailChannel[];
  /** Messages per second this process may hand to the provider; Infinity for no cap. */
  readonly ratePerSecond: number;
  send(message: OutgoingMessage): Promise<SendResult>;
  /**
   * Accepts several messages in one call (a provider whose API or store takes a batch),
   * answering in the order given. All or none: a throw fails every one of them.
   */
  sendMany?(messages: readonly OutgoingMessage[]): Promise<SendResult[]>;
  close?(): Promise<void>;
}

/**
 * Why a send did not happen. `transient` (timeouts, connection errors, 429, 5xx, SMTP 4xx)
 * is retried with backoff; `permanent` (other 4xx, SMTP 5xx, a refused address) fails at
 * once, because the same request would be refused again.
 */
export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    readonly kind: 'transient' | 'permanent',
    readonly reason: string,
    /** The provider asked us to wait at least this long (HTTP Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
  }
}

export const transientFailure = (reason: string, retryAfterMs?: number) => new SendError('transient', reason, retryAfterMs);
export const permanentFailure = (reason: string) => new SendError('permanent', reason);

/** Any error a provider did not classify counts as transient: a bug or outage must not lose mail. */
export const asSendError = (error: unknown): SendError =>
  error instanceof SendError ? error : transientFailure(error instanceof Error ? error.message : String(error));
