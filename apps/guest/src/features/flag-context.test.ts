import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flagContextOf } from './flag-context.ts';

const request = (parts: { cookies?: Record<string, string>; headers?: Record<string, string | string[]>; query?: Record<string, unknown> }) => ({
  cookies: parts.cookies ?? {},
  headers: parts.headers ?? {},
  query: parts.query ?? {},
});

describe('flag evaluation context of a guest request', () => {
  it('takes the visitor cookie as the targeting key only when it is one of ours', () => {
    assert.equal(flagContextOf(request({ cookies: { hatago_vid: 'Abc_123-def456ghi789' } })).targetingKey, 'Abc_123-def456ghi789');
    for (const foreign of ['short', 'has spaces in it, 20+ chars', 'x'.repeat(65)]) {
      assert.ok(!('targetingKey' in flagContextOf(request({ cookies: { hatago_vid: foreign } }))), foreign);
    }
    assert.ok(!('targetingKey' in flagContextOf(request({}))));
  });

  it('collects previews from the query (repeated or comma-separated) and the header', () => {
    const context = flagContextOf(request({ query: { preview: ['new-search', 'a, b', 7] }, headers: { 'x-hatago-preview': 'qa' } }));
    assert.deepEqual(context.previews, ['new-search', 'a', 'b', 'qa']);
    assert.deepEqual(flagContextOf(request({})).previews, []);
  });

  it('carries the edge decision only when the edge sent one, an empty one included', () => {
    assert.ok(!('edgeFlags' in flagContextOf(request({}))));
    assert.deepEqual(flagContextOf(request({ headers: { 'hatago-flags': '' } })).edgeFlags, []);
    assert.deepEqual(flagContextOf(request({ headers: { 'hatago-flags': 'new-search, other' } })).edgeFlags, ['new-search', 'other']);
  });
});
