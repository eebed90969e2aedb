import type { OutgoingMessage, SendResult } from '../providers/mail-provider.ts';

/**
 * Gathers the sends of a group of attempts that run side by side and hands them to the
 * provider's `sendMany` in one call once every attempt has either asked to send or ended
 * without sending (rendering failed, the address is suppressed). Each attempt still awaits
 * its own result, so it keeps its own span and outcome; a failed call fails each of them.
 */
export class SendTogether {
  private readonly waiting: Array<{ message: OutgoingMessage; resolve: (result: SendResult) => void; reject: (error: unknown) => void }> = [];
  private arrived = 0;

  constructor(
    /** The provider's `sendMany`. */
    private readonly sendMany: (messages: readonly OutgoingMessage[]) => Promise<SendResult[]>,
    private readonly attempts: number,
  ) {}

  /** An attempt's send: resolves when the group's call answers. */
  send(message: OutgoingMessage): Promise<SendResult> {
    const result = new Promise<SendResult>((resolve, reject) => this.waiting.push({ message, resolve, reject }));
    this.arrive();
    return result;
  }

  /** An attempt that ended without sending. */
  skip(): void {
    this.arrive();
  }

  private arrive(): void {
    if (++this.arrived === this.attempts && this.waiting.length > 0) void this.flush();
  }

  private async flush(): Promise<void> {
    try {
      const results = await this.sendMany(this.waiting.map((w) => w.message));
      this.waiting.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      for (const w of this.waiting) w.reject(error);
    }
  }
}
