import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlagDefinition } from '@hatago/flags/evaluation';
import { RequestView } from '../routing/request-view.ts';
import { decideFlags, newVisitorId, visitorCookie, withVisitorCookie } from './flag-decision.ts';
import { snapshotOf } from './flag-snapshot.ts';

const flag = (key: string, percent: number, allow: string[] = [], enabled = true): FlagDefinition => ({
  key,
  description: key,
  owner: 'sre@hatago.example',
  expiresOn: '2027-03-31',
  environments: { production: { enabled, percent, allow } },
});
const view = (url: string, headers: Record<string, string> = {}) => RequestView.of('GET', url, { host: 'x', ...headers });

describe('flag decision', () => {
  it('decides once per set when no flag depends on the request: no cookie read, the same answer for everyone', () => {
    const snapshot = snapshotOf({ environment: 'production', flags: [flag('b', 100), flag('a', 100), flag('off', 0), flag('killed', 50, ['x'], false)] })!;
    assert.deepEqual(snapshot.fixed, { on: ['a', 'b'], header: 'a,b', minted: undefined });
    assert.equal(decideFlags(snapshot, view('/?preview=x')), snapshot.fixed);
    assert.equal(snapshotOf({ environment: 'production', flags: [flag('p', 0, ['x'])] })!.fixed, undefined, 'a preview value makes it depend on the request');
    assert.equal(snapshotOf({ environment: 'production', flags: [{ key: 'x' }] }), undefined, 'not a flag set');
  });

  it('reads previews from the query and the header, the visitor from the cookie, and mints an id only for a split', () => {
    const previews = snapshotOf({ environment: 'production', flags: [flag('grid', 0, ['qa'])] })!;
    assert.deepEqual(decideFlags(previews, view('/?preview=qa')), { on: ['grid'], header: 'grid', minted: undefined });
    assert.equal(decideFlags(previews, view('/', { 'x-hatago-preview': 'qa' })).header, 'grid');
    assert.equal(decideFlags(previews, view('/')).header, '');

    const split = snapshotOf({ environment: 'production', flags: [flag('grid', 50)] })!;
    const id = newVisitorId();
    assert.match(id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(decideFlags(split, view('/', { cookie: `hatago_vid=${id}` })).minted, undefined);
    const decided = decideFlags(split, view('/', { cookie: `hatago_vid=${id}` })).header;
    for (let i = 0; i < 5; i++) assert.equal(decideFlags(split, view('/', { cookie: `hatago_vid=${id}` })).header, decided, 'sticky');
    assert.match(decideFlags(split, view('/', { cookie: 'hatago_vid=short' })).minted ?? '', /^[A-Za-z0-9_-]{22}$/);
  });

  it('writes the visitor cookie for a year, Secure over https, and replaces an invalid one the origin would read', () => {
    assert.equal(visitorCookie('abc', false), 'hatago_vid=abc; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly');
    assert.equal(visitorCookie('abc', true), 'hatago_vid=abc; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly; Secure');
    assert.equal(withVisitorCookie(undefined, 'abc'), 'hatago_vid=abc');
    assert.equal(withVisitorCookie('a=1; hatago_vid=bad;b=2', 'abc'), 'a=1; b=2; hatago_vid=abc');
  });
});
