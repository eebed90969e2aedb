import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '@hatago/platform/logging';
import { rulesWith } from '../../test/harness/hatago-rules.ts';
import { closeAll, echoOrigin, lineCollector, listen, startEdge, until } from '../../test/harness/test-origins.ts';
import { compileClientAddress } from '../routing/client-address.ts';
import { UntrustedForwardingWatch } from './untrusted-forwarding.ts';

const WARNING = /X-Forwarded-For from a peer the edge does not trust/;

describe('X-Forwarded-For from untrusted peers', () => {
  it('warns once a window has seen more than the threshold, once per window, and never for a trusted proxy', () => {
    const log = lineCollector();
    let now = 0;
    const watch = new UntrustedForwardingWatch(createLogger('edge-test', 'warn', log.stream), { threshold: 3, windowMs: 60_000, now: () => now });
    const trusting = compileClientAddress(['10.0.0.0/8']);
    const warnings = () => log.lines.filter((line) => WARNING.test(String(line.msg)));
    for (let i = 0; i < 20; i++) watch.seen('10.1.2.3', trusting);
    assert.equal(warnings().length, 0, 'a trusted balancer is how it should be');
    for (let i = 0; i < 3; i++) watch.seen('192.0.2.9', trusting);
    assert.equal(warnings().length, 0, 'up to the threshold: clients sending the header themselves');
    watch.seen('192.0.2.9', trusting);
    assert.deepEqual(
      warnings().map(({ peer, requests, windowSeconds }) => ({ peer, requests, windowSeconds })),
      [{ peer: '192.0.2.9', requests: 4, windowSeconds: 60 }],
    );
    for (let i = 0; i < 50; i++) watch.seen('192.0.2.9', trusting);
    assert.equal(warnings().length, 1, 'once per window, not per request');
    now += 60_000;
    for (let i = 0; i < 4; i++) watch.seen('192.0.2.9', trusting);
    assert.equal(warnings().length, 2, 'the next window warns again');
  });

  it('is counted for requests through the edge with trustedProxies empty, by default', async () => {
    const guest = echoOrigin('guest');
    const origin = await listen(guest.server);
    const log = lineCollector();
    const edge = await startEdge({
      rules: rulesWith({ trustedProxies: [] }),
      instances: { guest: [origin] },
      logger: createLogger('edge-test', 'warn', log.stream),
      untrustedForwarding: { threshold: 2 },
      probes: false,
    });
    try {
      for (let i = 0; i < 3; i++) await (await fetch(`${edge.url}/`)).arrayBuffer();
      for (let i = 0; i < 3; i++) await (await fetch(`${edge.url}/`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).arrayBuffer();
      const warned = () => log.lines.filter((line) => WARNING.test(String(line.msg)));
      // the edge counts a request once its response has closed, which the client may see first
      await until(() => warned().length > 0, 'the warning');
      assert.equal(warned().length, 1);
      assert.match(String(warned()[0]!.peer), /127\.0\.0\.1$/);
      assert.equal(warned()[0]!.requests, 3, 'only the requests that carried the header');
    } finally {
      await edge.close();
      await closeAll(guest.server);
    }
  });
});
