import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FakeHttpEndpoint } from '../../testing/fake-http-endpoint.ts';
import { SendError } from '../mail-provider.ts';
import type { OutgoingMessage } from '../mail-provider.ts';
import { SendgridProvider } from './sendgrid-provider.ts';

const message: OutgoingMessage = {
  id: 4711,
  channel: 'email',
  recipient: 'guest@example.com',
  category: 'reservation',
  template: 'reservation-confirmation',
  rendered: { channel: 'email', subject: 'ご予約確定', html: '<p>確定 &amp; 感謝</p>', text: '確定 & 感謝' },
};

// SendGrid cannot be reached from here: this server checks the request against the
// documented v3 Mail Send contract and answers the way SendGrid does.
describe('SendGrid provider (v3 mail send contract, local stand-in server)', () => {
  let endpoint: FakeHttpEndpoint;
  // generous by default, so a loaded machine cannot turn an answer into a timeout
  const provider = (timeoutMs = 10_000) =>
    new SendgridProvider({ apiKey: 'SG.test-key', baseUrl: endpoint.url, from: { email: 'no-reply@hatago.example', name: 'Hatago' }, sandbox: true, ratePerSecond: 100, timeoutMs });

  before(async () => {
    endpoint = await FakeHttpEndpoint.start(() => ({ status: 202, headers: { 'x-message-id': 'sg-abc123' } }));
  });
  after(() => endpoint.close());

  test('POSTs the documented body with a bearer key and returns X-Message-Id on 202', async () => {
    endpoint.script(() => ({ status: 202, headers: { 'x-message-id': 'sg-abc123' } }));
    const result = await provider().send(message);
    assert.deepEqual(result, { providerMessageId: 'sg-abc123' });
    const request = endpoint.requests.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/v3/mail/send');
    assert.equal(request.headers.authorization, 'Bearer SG.test-key');
    assert.match(String(request.headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(request.body), {
      personalizations: [{ to: [{ email: 'guest@example.com' }] }],
      from: { email: 'no-reply@hatago.example', name: 'Hatago' },
      subject: 'ご予約確定',
      content: [
        { type: 'text/plain', value: '確定 & 感謝' },
        { type: 'text/html', value: '<p>確定 &amp; 感謝</p>' },
      ],
      categories: ['reservation', 'reservation-confirmation'],
      custom_args: { hatago_message_id: '4711' },
      mail_settings: { sandbox_mode: { enable: true } },
    });
  });

  const failureOf = async (timeoutMs?: number): Promise<SendError> => {
    try {
      await provider(timeoutMs).send(message);
    } catch (error) {
      assert.ok(error instanceof SendError);
      return error;
    }
    assert.fail('the send succeeded');
  };

  test('429 is transient and keeps Retry-After; 5xx is transient', async () => {
    endpoint.script(() => ({ status: 429, headers: { 'retry-after': '7' }, body: '{"errors":[{"message":"too many requests"}]}' }));
    const limited = await failureOf();
    assert.equal(limited.kind, 'transient');
    assert.equal(limited.retryAfterMs, 7000);
    endpoint.script(() => ({ status: 503, body: 'upstream unavailable' }));
    const outage = await failureOf();
    assert.equal(outage.kind, 'transient');
    assert.match(outage.reason, /HTTP 503: upstream unavailable/);
  });

  test('other 4xx is permanent with SendGrid\'s own error text', async () => {
    endpoint.script(() => ({
      status: 400,
      body: JSON.stringify({ errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: null }] }),
    }));
    const refused = await failureOf();
    assert.equal(refused.kind, 'permanent');
    assert.equal(refused.reason, 'HTTP 400: personalizations.0.to.0.email: Does not contain a valid address.');
  });

  test('no answer within the timeout and a refused connection are transient', async () => {
    endpoint.script(() => 'hold');
    const slow = await failureOf(300);
    assert.equal(slow.kind, 'transient');
    assert.match(slow.reason, /no answer within 300 ms/);

    const closed = await FakeHttpEndpoint.start(() => ({ status: 202 }));
    const deadUrl = closed.url;
    await closed.close();
    const unreachable = new SendgridProvider({ apiKey: 'k', baseUrl: deadUrl, from: { email: 'a@hatago.example' }, sandbox: false, ratePerSecond: 1, timeoutMs: 1000 });
    await assert.rejects(unreachable.send(message), (error: unknown) => error instanceof SendError && error.kind === 'transient' && /ECONNREFUSED/.test(error.reason));
  });
});
