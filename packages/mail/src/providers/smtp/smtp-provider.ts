import { randomBytes } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { type MailProvider, MESSAGE_ID_HEADER, type OutgoingMessage, permanentFailure, type SendResult, transientFailure } from '../mail-provider.ts';

export interface SmtpOptions {
  /** e.g. smtp://user:pass@mail.example.com:587 or smtps://…; nodemailer reads the rest from it. */
  url: string;
  from: { email: string; name?: string };
  ratePerSecond: number;
  timeoutMs: number;
}

/**
 * SMTP through nodemailer with a connection pool. The server's reply code decides: 4xx
 * means "try later" (greylisting, full mailbox, rate limits), 5xx means it never will;
 * no reply at all (refused, timed out, dropped) is transient.
 */
export class SmtpProvider implements MailProvider {
  readonly name = 'smtp';
  readonly channels = ['email'] as const;
  readonly ratePerSecond: number;
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly options: SmtpOptions) {
    this.ratePerSecond = options.ratePerSecond;
    this.domain = options.from.email.split('@')[1] ?? 'hatago.invalid';
    // host, port, TLS and credentials come from the URL; pooling and timeouts from here
    this.transport = nodemailer.createTransport({
      url: options.url,
      pool: true,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    });
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.rendered.channel !== 'email') throw permanentFailure('SMTP sends email, not Slack notices');
    const messageId = `<hatago.${message.id}.${randomBytes(6).toString('hex')}@${this.domain}>`;
    try {
      await this.transport.sendMail({
        from: this.options.from.name ? { address: this.options.from.email, name: this.options.from.name } : this.options.from.email,
        to: message.recipient,
        subject: message.rendered.subject,
        text: message.rendered.text,
        html: message.rendered.html,
        messageId,
        headers: { [MESSAGE_ID_HEADER]: String(message.id) },
      });
    } catch (error) {
      const { responseCode, response, code, message: text } = error as { responseCode?: number; response?: string; code?: string; message?: string };
      const reason = `${code ?? 'SMTP'}: ${response ?? text ?? 'unknown failure'}`.slice(0, 1000);
      if (responseCode !== undefined && responseCode >= 500) throw permanentFailure(reason);
      throw transientFailure(reason);
    }
    return { providerMessageId: messageId };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
