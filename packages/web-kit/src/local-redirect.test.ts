import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localRedirect } from './local-redirect.ts';

describe('localRedirect', () => {
  it('keeps paths on this site under the given prefix', () => {
    assert.equal(localRedirect('/account/reservations?lang=ja', '/home'), '/account/reservations?lang=ja');
    assert.equal(localRedirect('/facility/inventory?from=2030-01-01', '/facility/', '/facility/'), '/facility/inventory?from=2030-01-01');
  });

  it('falls back for other sites, other prefixes and anything a Location header cannot carry', () => {
    const bad = [undefined, 42, ['/a'], '', 'https://evil.example/', '//evil.example', '/\\evil.example', '/a\\b', 'relative', '/a b', '/a\r\nSet-Cookie: x=1', '/日本', '/a\u0000'];
    for (const next of bad) assert.equal(localRedirect(next, '/home'), '/home', JSON.stringify(next));
    assert.equal(localRedirect('/operator/', '/facility/', '/facility/'), '/facility/');
    assert.equal(localRedirect('/facilityx', '/facility/', '/facility/'), '/facility/');
  });
});
