import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FakeHttpEndpoint } from '../../testing/fake-http-endpoint.ts';
import { testTemplates } from '../../testing/test-templates.ts';
import { type OutgoingMessage, SendError } from '../mail-provider.ts';
import { SlackProvider } from './slack-provider.ts';

const notice = (recipient: string): OutgoingMessage => ({
  id: 90,
  channel: 'slack',
  recipient,
  category: 'notice',
  template: 'operator-alert',
  rendered: testTemplates.render('operator-alert', { title: 'Disk <full>', text: 'db-1 at 95% & rising <!channel>', severity: 'critical' }, 'en'),
});

// Slack cannot be reached from here: a local server takes the incoming-webhook POST
describe('Slack provider (incoming webhook, local stand-in server)', () => {
  let endpoint: FakeHttpEndpoint;
  let provider: SlackProvider;
  before(async () => {
    endpoint = await FakeHttpEndpoint.start(() => ({ status: 200, body: 'ok' }));
    provider = new SlackProvider({ webhooks: { '#ops': `${endpoint.url}/services/T000/B000/XXXX` }, ratePerSecond: 1, timeoutMs: 1000 });
  });
  after(() => endpoint.close());

  test('posts text and Block Kit blocks, with mrkdwn control characters escaped', async () => {
    endpoint.script(() => ({ status: 200, body: 'ok' }));
    await provider.send(notice('ops'));
    const request = endpoint.requests.at(-1)!;
    assert.equal(request.path, '/services/T000/B000/XXXX');
    const body = JSON.parse(request.body) as { text: string; blocks: Array<{ type: string; text?: { text: string } }> };
    assert.equal(body.text, ':rotating_light: [critical] Disk &lt;full&gt;');
    assert.equal(body.blocks[1]!.text!.text, ':rotating_light: db-1 at 95% &amp; rising &lt;!channel&gt;');
  });

  test('429 with Retry-After and 5xx are transient; 404 (revoked hook) and unknown channels are permanent', async () => {
    endpoint.script(() => ({ status: 429, headers: { 'retry-after': '3' }, body: 'rate_limited' }));
    await assert.rejects(provider.send(notice('#ops')), (e: unknown) => e instanceof SendError && e.kind === 'transient' && e.retryAfterMs === 3000);
    endpoint.script(() => ({ status: 500, body: 'internal' }));
    await assert.rejects(provider.send(notice('#ops')), (e: unknown) => e instanceof SendError && e.kind === 'transient');
    endpoint.script(() => ({ status: 404, body: 'no_service' }));
    await assert.rejects(provider.send(notice('#ops')), (e: unknown) => e instanceof SendError && e.kind === 'permanent' && /no_service/.test(e.reason));
    await assert.rejects(provider.send(notice('#sales')), (e: unknown) => e instanceof SendError && e.kind === 'permanent' && /#sales/.test(e.reason));
  });
});
