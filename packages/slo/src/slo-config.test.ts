import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineSlos } from './slo-definition.ts';
import { HTTP_LATENCY_BUCKETS, MAIL_DELIVERY_BUCKETS, slo } from '../../../config/slo.ts';

describe('config/slo.ts', () => {
  it('every latency objective is an exact bucket boundary of the histogram it reads', () => {
    const buckets: Record<string, number[]> = { http_request_duration_seconds: HTTP_LATENCY_BUCKETS, mail_delivery_seconds: MAIL_DELIVERY_BUCKETS };
    const latency = slo.slos.flatMap((s) => (s.indicator.kind === 'latency' ? [s.indicator] : []));
    assert.ok(latency.length >= 5);
    for (const indicator of latency) {
      assert.ok(buckets[indicator.source.histogram]?.includes(indicator.thresholdSeconds), `${indicator.thresholdSeconds} s is a bucket of ${indicator.source.histogram}`);
    }
    assert.deepEqual(HTTP_LATENCY_BUCKETS, [...HTTP_LATENCY_BUCKETS].sort((a, b) => a - b), 'ascending');
  });

  it('covers every journey the platform promises', () => {
    assert.deepEqual([...new Set(slo.slos.map((s) => s.journey))].sort(), ['booking', 'hotel-page', 'mail', 'operator-search', 'search']);
  });

  it('refuses definitions a rule file could not honour', () => {
    const base = slo.slos[0]!;
    assert.throws(() => defineSlos([base, base]), /defined twice/);
    assert.throws(() => defineSlos([{ ...base, objective: 1 }]), /objective/);
    assert.throws(() => defineSlos([{ ...base, name: 'Search Latency' }]), /kebab-case/);
    assert.throws(() => defineSlos([{ ...base, window: '0d' }]), /window/);
  });
});
