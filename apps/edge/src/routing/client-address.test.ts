import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileClientAddress } from './client-address.ts';

describe('client address', () => {
  it('is the connection address when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    const clientOf = compileClientAddress([]).of;
    assert.equal(clientOf('198.51.100.4', '203.0.113.9'), '198.51.100.4');
    assert.equal(clientOf('::ffff:198.51.100.4', undefined), '198.51.100.4', 'an IPv4 peer on a dual-stack listener');
  });

  it('behind trusted balancers, is the rightmost X-Forwarded-For entry no trusted hop added', () => {
    const clientOf = compileClientAddress(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']).of;
    assert.equal(clientOf('10.1.2.3', '203.0.113.9'), '203.0.113.9', 'one balancer');
    assert.equal(clientOf('10.1.2.3', '1.1.1.1, 203.0.113.9, 192.0.2.7'), '203.0.113.9', 'two trusted hops; the client forged the leftmost');
    assert.equal(clientOf('10.1.2.3', ['203.0.113.9', '10.9.9.9']), '203.0.113.9', 'repeated header fields read as one list');
    assert.equal(clientOf('2001:db8::1', '2001:db9::5'), '2001:db9::5');
    assert.equal(clientOf('10.1.2.3', undefined), '10.1.2.3', 'a balancer that sent no header is itself the client');
    assert.equal(clientOf('10.1.2.3', '10.4.4.4'), '10.4.4.4', 'every hop trusted: the leftmost');
    assert.equal(clientOf('10.1.2.3', 'not-an-address'), 'not-an-address');
  });

  it('ignores the header from an untrusted peer, so a client cannot choose its own rate-limit bucket', () => {
    const address = compileClientAddress(['10.0.0.0/8']);
    assert.equal(address.of('198.51.100.4', '203.0.113.9'), '198.51.100.4');
    assert.equal(address.trusts('198.51.100.4'), false);
    assert.equal(address.trusts('::ffff:10.0.0.1'), true);
    assert.equal(compileClientAddress([]).trusts('10.0.0.1'), false);
  });
});
