import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { transientFailure, type OutgoingMessage, type SendResult } from '../providers/mail-provider.ts';
import { SendTogether } from './send-together.ts';

const message = (id: number): OutgoingMessage => ({
  id,
  channel: 'email',
  recipient: `guest${id}@example.com`,
  category: 'member',
  template: 'member-welcome',
  rendered: { channel: 'email', subject: `Hello ${id}`, html: '<p>Hello</p>', text: 'Hello' },
});

/** A provider's sendMany that remembers each call's message ids. */
function recordingSendMany(fail?: Error) {
  const calls: number[][] = [];
  const sendMany = async (messages: readonly OutgoingMessage[]): Promise<SendResult[]> => {
    calls.push(messages.map((m) => m.id));
    if (fail) throw fail;
    return messages.map((m) => ({ providerMessageId: `p-${m.id}` }));
  };
  return { calls, sendMany };
}

describe('sending a group together', () => {
  test('one call once every attempt has sent or skipped, each send answered with its own result', async () => {
    const provider = recordingSendMany();
    const together = new SendTogether(provider.sendMany, 3);
    const first = together.send(message(7));
    assert.deepEqual(provider.calls, [], 'no call while an attempt is still rendering');
    together.skip();
    const second = together.send(message(9));
    assert.deepEqual(await Promise.all([first, second]), [{ providerMessageId: 'p-7' }, { providerMessageId: 'p-9' }]);
    assert.deepEqual(provider.calls, [[7, 9]]);
  });

  test('a failed call fails each send with the provider error', async () => {
    const provider = recordingSendMany(transientFailure('HTTP 503'));
    const together = new SendTogether(provider.sendMany, 2);
    const sends = [together.send(message(1)), together.send(message(2))];
    for (const send of sends) await assert.rejects(send, /HTTP 503/);
    assert.deepEqual(provider.calls, [[1, 2]]);
  });

  test('no call when every attempt ended without sending', () => {
    const provider = recordingSendMany();
    const together = new SendTogether(provider.sendMany, 2);
    together.skip();
    together.skip();
    assert.deepEqual(provider.calls, []);
  });
});
