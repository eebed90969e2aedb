import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditDetail, formatValue, LONG_VALUE } from './audit-detail.ts';

const squash = (markup: { toString(): string }) => markup.toString().replace(/\s+/g, ' ');

describe('audit entry details', () => {
  it('renders a nested diff field by field, before → after, with added and removed fields marked', () => {
    const out = squash(auditDetail({
      fromVersion: 3,
      diff: [
        { path: 'environments.production.percent', before: 0, after: 25 },
        { path: 'environments.staging.allow', after: ['alice', 'bob'] },
        { path: 'owner', before: 'growth' },
      ],
    }));
    assert.match(out, /<li class="change-changed"><code>environments\.production\.percent<\/code>: <code>0<\/code> → <code>25<\/code><\/li>/);
    assert.match(out, /<li class="change-added"><code>environments\.staging\.allow<\/code>: <ins>added<\/ins> <code>alice, bob<\/code><\/li>/);
    assert.match(out, /<li class="change-removed"><code>owner<\/code>: <del>removed<\/del> <code>growth<\/code><\/li>/);
    assert.match(out, /<li><code>fromVersion<\/code>: <code>3<\/code><\/li>/);
    assert.doesNotMatch(out, /[{}]|&quot;/, 'no JSON');
  });

  it('compares a before and an after record itself, down to nested fields', () => {
    const out = squash(auditDetail({ before: { name: 'Ryokan', address: { city: 'Kyoto', zip: '600' } }, after: { name: 'Ryokan', address: { city: 'Nara', zip: '600' }, stars: 5 } }));
    assert.match(out, /<code>address\.city<\/code>: <code>Kyoto<\/code> → <code>Nara<\/code>/);
    assert.match(out, /<code>stars<\/code>: <ins>added<\/ins> <code>5<\/code>/);
    assert.doesNotMatch(out, /<code>name<\/code>|address\.zip/, 'unchanged fields are left out');
  });

  it('writes values for people: yes/no, Tokyo time, yen only where the field is money', () => {
    assert.equal(formatValue('waived', true), 'yes');
    assert.equal(formatValue('waived', false), 'no');
    assert.equal(formatValue('since', '2026-12-07T15:00:00.000Z'), '2026-12-08 00:00:00 JST');
    assert.equal(formatValue('fee', 12000), '¥12,000');
    assert.equal(formatValue('plan.totalPrice', 54000), '¥54,000');
    assert.equal(formatValue('hotelId', 12000), '12000');
    assert.equal(formatValue('reason', null), '—');
    assert.equal(formatValue('target', { area: 'kyoto', nights: [1, 2] }), 'area: kyoto; nights: 1, 2');
  });

  it('cuts a long value short and keeps all of it under a disclosure', () => {
    const reason = 'The guest called twice. '.repeat(10);
    const out = auditDetail({ reason }).toString();
    assert.match(out, /<details class="long-value"><summary><code>The guest called twice\.[^<]*…<\/code><\/summary><code>(The guest called twice\. ){10}<\/code><\/details>/);
    assert.ok(reason.length > LONG_VALUE);
  });

  it('escapes every value and path, so a value can never become markup', () => {
    const out = auditDetail({
      reason: '<script>alert(1)</script>',
      diff: [{ path: 'caption.<img src=x onerror=alert(1)>', before: '"quoted" & \'single\'', after: '<b>bold</b>' }],
    }).toString();
    assert.doesNotMatch(out, /<script>|<img|<b>/);
    assert.match(out, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(out, /caption\.&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(out, /&quot;quoted&quot; &amp; &#39;single&#39;/);
    assert.match(out, /&lt;b&gt;bold&lt;\/b&gt;/);
  });

  it('shows nothing for an entry without detail', () => {
    assert.equal(auditDetail({}).toString(), '');
    assert.equal(auditDetail(undefined).toString(), '');
  });
});
