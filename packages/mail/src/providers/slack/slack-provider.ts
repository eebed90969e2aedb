import { postJson } from '../http-post.ts';
import { type MailProvider, type OutgoingMessage, permanentFailure, type SendResult } from '../mail-provider.ts';

export interface SlackOptions {
  /** Channel name (`#ops`) → incoming-webhook URL; each Slack webhook posts to one channel. */
  webhooks: Record<string, string>;
  ratePerSecond: number;
  timeoutMs: number;
}

const channelKey = (name: string) => name.replace(/^#/, '').toLowerCase();

/**
 * Posts notices to Slack incoming webhooks (`{ text, blocks }`). Slack answers 200 "ok";
 * 429 with Retry-After and 5xx are retried, other 4xx (revoked hook, bad payload) are not.
 */
export class SlackProvider implements MailProvider {
  readonly name = 'slack';
  readonly channels = ['slack'] as const;
  readonly ratePerSecond: number;
  private readonly webhooks: Map<string, string>;
  private readonly timeoutMs: number;

  constructor(options: SlackOptions) {
    this.ratePerSecond = options.ratePerSecond;
    this.webhooks = new Map(Object.entries(options.webhooks).map(([name, url]) => [channelKey(name), url]));
    this.timeoutMs = options.timeoutMs;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.rendered.channel !== 'slack') throw permanentFailure('Slack takes notices, not email');
    const url = this.webhooks.get(channelKey(message.recipient));
    if (!url) throw permanentFailure(`No Slack webhook is configured for channel ${message.recipient}`);
    await postJson(url, { text: message.rendered.text, blocks: message.rendered.blocks }, { timeoutMs: this.timeoutMs, describe: (r) => r.body.slice(0, 300) || '(empty body)' });
    return { providerMessageId: null };
  }
}
