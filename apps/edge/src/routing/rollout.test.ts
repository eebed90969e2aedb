import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RolloutRule } from '@hatago/edge-rules';
import { RequestView } from './request-view.ts';
import { decideRollout } from './rollout.ts';

describe('canary rollout', () => {
  const rule: RolloutRule = { backend: 'canary', query: 'canary', cookie: 'hatago_canary', percent: 25 };
  const view = (url: string, cookie?: string) => RequestView.of('GET', url, cookie ? { cookie, host: 'x' } : { host: 'x' });

  it('draws new visitors by percentage and remembers the draw; the cookie and the query parameter override it', () => {
    assert.deepEqual(decideRollout(rule, 'guest', view('/'), () => 0.1), { backend: 'canary', setCookie: 'hatago_canary=1; Path=/; Max-Age=604800; SameSite=Lax; HttpOnly' });
    assert.deepEqual(decideRollout(rule, 'guest', view('/'), () => 0.3), { backend: 'guest', setCookie: 'hatago_canary=0; Path=/; Max-Age=604800; SameSite=Lax; HttpOnly' });
    assert.deepEqual(decideRollout(rule, 'guest', view('/', 'hatago_canary=1'), () => 0.9), { backend: 'canary' });
    assert.deepEqual(decideRollout(rule, 'guest', view('/', 'hatago_canary=0'), () => 0.1), { backend: 'guest' });
    assert.equal(decideRollout(rule, 'guest', view('/?canary=0', 'hatago_canary=1')).backend, 'guest');
    assert.deepEqual(decideRollout(rule, 'guest', view('/?canary=1', 'hatago_canary=1')), { backend: 'canary' }, 'already remembered: no new cookie');
    assert.deepEqual(decideRollout({ ...rule, percent: 0 }, 'guest', view('/?other=1'), () => 0), { backend: 'guest' });
  });

  it('reads the host without port, IPv6 literals included', () => {
    assert.equal(RequestView.of('GET', '/', { host: 'Hatago.Example:8080' }).host, 'hatago.example');
    assert.equal(RequestView.of('GET', '/', { host: '[::1]:8080' }).host, '[::1]');
    assert.equal(RequestView.of('GET', '/', { host: '[::1]' }).host, '[::1]');
  });
});
