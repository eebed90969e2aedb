import { postJson } from '../http-post.ts';
import { type MailProvider, type OutgoingMessage, permanentFailure, type SendResult } from '../mail-provider.ts';

export interface SendgridOptions {
  apiKey: string;
  /** https://api.sendgrid.com in production; tests point it at a local server. */
  baseUrl: string;
  from: { email: string; name?: string };
  /** SendGrid validates the request and answers 200 without sending anything. */
  sandbox: boolean;
  ratePerSecond: number;
  timeoutMs: number;
}

/**
 * The body of SendGrid's v3 `POST /v3/mail/send`, as documented: one personalization per
 * message, text/plain before text/html (SendGrid requires that order), our message id in
 * `custom_args` (string values only) so the Event Webhook can name the message it reports on.
 */
export function sendgridRequestBody(message: OutgoingMessage, options: Pick<SendgridOptions, 'from' | 'sandbox'>) {
  if (message.rendered.channel !== 'email') throw permanentFailure('SendGrid sends email, not Slack notices');
  const { subject, text, html } = message.rendered;
  return {
    personalizations: [{ to: [{ email: message.recipient }] }],
    from: options.from.name ? { email: options.from.email, name: options.from.name } : { email: options.from.email },
    subject,
    content: [
      { type: 'text/plain', value: text },
      { type: 'text/html', value: html },
    ],
    categories: [message.category, message.template].map((c) => c.slice(0, 255)),
    custom_args: { hatago_message_id: String(message.id) },
    mail_settings: { sandbox_mode: { enable: options.sandbox } },
  };
}

/** SendGrid's errors come as `{ errors: [{ message, field }] }`; show them as they are. */
function sendgridErrorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ message?: string; field?: string | null }> };
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      return parsed.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : String(e.message))).join('; ');
    }
  } catch {
    // not JSON: a proxy or load balancer answered; its text is still the best reason we have
  }
  return body.slice(0, 300) || '(empty body)';
}

export class SendgridProvider implements MailProvider {
  readonly name = 'sendgrid';
  readonly channels = ['email'] as const;
  readonly ratePerSecond: number;

  constructor(private readonly options: SendgridOptions) {
    this.ratePerSecond = options.ratePerSecond;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const reply = await postJson(`${this.options.baseUrl.replace(/\/$/, '')}/v3/mail/send`, sendgridRequestBody(message, this.options), {
      headers: { authorization: `Bearer ${this.options.apiKey}` },
      timeoutMs: this.options.timeoutMs,
      describe: (r) => sendgridErrorText(r.body),
    });
    // 202 Accepted carries X-Message-Id; sandbox mode answers 200 with none
    return { providerMessageId: reply.headers.get('x-message-id') };
  }
}
