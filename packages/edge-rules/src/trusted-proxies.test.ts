import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trustedProxyProblem } from './trusted-proxies.ts';

describe('trusted proxies', () => {
  it('accepts addresses and ranges in the rules and names what is wrong otherwise', () => {
    for (const good of ['10.0.0.0/8', '192.0.2.7', '::1', '2001:db8::/32']) assert.equal(trustedProxyProblem(good), undefined, good);
    assert.match(trustedProxyProblem('10.0.0.0/33')!, /prefix outside 0–32/);
    assert.match(trustedProxyProblem('lb.internal')!, /not an IP address or CIDR range/);
    assert.match(trustedProxyProblem('10.0.0.0/8/1')!, /not an IP address/);
  });
});
