import { type Executor, tablesOf } from '@hatago/db';
import type { MailChannel, MailTables } from '../../mail-tables.ts';
import { type MailProvider, MESSAGE_ID_HEADER, type OutgoingMessage, type SendResult } from '../mail-provider.ts';

/**
 * The embedded default: keeps every message in `mail_sink_messages`, a mailbox the operator
 * console shows like Mailpit does, so a local platform never mails a real guest. Slack
 * notices land there too, addressed to their channel.
 */
export class SinkProvider implements MailProvider {
  readonly name = 'sink';

  constructor(
    private readonly db: Executor,
    private readonly from: string,
    readonly ratePerSecond = Number.POSITIVE_INFINITY,
    /** Leave 'slack' out when a real Slack provider takes the notices. */
    readonly channels: readonly MailChannel[] = ['email', 'slack'],
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    return (await this.sendMany([message]))[0]!;
  }

  /** A worker's batch lands in the mailbox with one insert. */
  async sendMany(messages: readonly OutgoingMessage[]): Promise<SendResult[]> {
    const rows = await tablesOf<MailTables>(this.db)
      .insertInto('mail_sink_messages')
      .values(messages.map((message) => this.rowOf(message)))
      .returning(['id', 'message_id'])
      .execute();
    const stored = new Map(rows.map((row) => [Number(row.message_id), Number(row.id)]));
    return messages.map((message) => ({ providerMessageId: `sink-${stored.get(message.id)}` }));
  }

  private rowOf(message: OutgoingMessage) {
    const { rendered } = message;
    return {
      message_id: message.id,
      sender: rendered.channel === 'email' ? this.from : 'hatago-notices',
      recipient: message.recipient,
      subject: rendered.channel === 'email' ? rendered.subject : rendered.text.slice(0, 200),
      body_html: rendered.channel === 'email' ? rendered.html : null,
      body_text: rendered.text,
      headers: JSON.stringify({
        [MESSAGE_ID_HEADER]: String(message.id),
        'X-Hatago-Category': message.category,
        ...(rendered.channel === 'slack' ? { 'X-Slack-Blocks': JSON.stringify(rendered.blocks) } : {}),
      }),
    };
  }
}
