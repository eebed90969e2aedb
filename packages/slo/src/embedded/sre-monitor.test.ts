import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Gauge, Histogram, Registry } from 'prom-client';
import { HTTP_LATENCY_BUCKETS, slo } from '../../../../config/slo.ts';
import { histogramQuantile } from './histogram-quantile.ts';
import { type AlertChange, SreMonitor } from './sre-monitor.ts';

/** A guest app's request histogram and a mailer's queue gauge, fed by hand. */
function fakePlatform() {
  const guest = new Registry();
  const http = new Histogram({ name: 'http_request_duration_seconds', help: 'h', labelNames: ['method', 'route', 'status'], buckets: HTTP_LATENCY_BUCKETS, registers: [guest] });
  const mailer = new Registry();
  new Gauge({ name: 'mail_queue_depth', help: 'q', registers: [mailer] }).set(7);
  const book = (status: number, seconds = 0.2) => http.observe({ method: 'POST', route: '/api/v1/reservations', status: String(status) }, seconds);
  return { guest, mailer, book };
}

describe('embedded SLO evaluation (SreMonitor)', () => {
  it('fires the fast burn alert after its for, with the Prometheus labels, and resolves when errors stop', async () => {
    const { guest, mailer, book } = fakePlatform();
    const changes: AlertChange[] = [];
    // time scale 60: the 1 h / 5 m windows are 60 s / 5 s, `for: 2m` is 2 s; a sample per simulated second
    const monitor = new SreMonitor({ slos: slo, sources: { services: [{ name: 'guest', registries: [guest] }, { name: 'mailer', registries: [mailer] }] }, onAlert: (c) => changes.push(c), sampleEveryMs: 1000, timeScale: 60 });
    let at = 0;
    const second = async (ok: number, failed: number) => {
      for (let i = 0; i < ok; i++) book(201);
      for (let i = 0; i < failed; i++) book(500);
      await monitor.sample((at += 1000));
    };
    for (let s = 0; s < 60; s++) await second(20, 0);
    assert.deepEqual(monitor.snapshot().alerts, []);
    const booking = () => monitor.snapshot().slos.find((x) => x.name === 'booking-availability')!;
    assert.equal(booking().sli, 1);

    // half the bookings fail: the 1 h ratio passes 14.4 × 0.1 % after 2 s, then `for` runs
    for (let s = 0; s < 3; s++) await second(10, 10);
    assert.equal(changes.length, 0, 'pending: the condition holds, its for has not passed');
    for (let s = 0; s < 3; s++) await second(10, 10);
    const fired = changes.find((c) => c.alert.alert === 'SloErrorBudgetBurnFast');
    assert.ok(fired, `fired: ${JSON.stringify(changes)}`);
    assert.deepEqual([fired.status, fired.alert.slo, fired.alert.journey, fired.alert.severity], ['firing', 'booking-availability', 'booking', 'page']);
    assert.equal(fired.alert.runbookUrl, 'docs/operations.md#sloerrorbudgetburnfast');
    assert.ok(changes.every((c) => c.alert.slo === 'booking-availability'), 'no other SLO burns');
    assert.ok(booking().budgetLeft! < 1 && booking().burnRate1h! > 1);

    for (let s = 0; s < 10; s++) await second(20, 0);
    assert.ok(changes.some((c) => c.status === 'resolved' && c.alert.alert === 'SloErrorBudgetBurnFast'));
    assert.equal(monitor.snapshot().alerts.filter((a) => a.alert === 'SloErrorBudgetBurnFast').length, 0);
  });

  it('keeps the last hour of chart points, bounded, with rates, error ratios, quantiles and the mail queue', async () => {
    const { guest, mailer, book } = fakePlatform();
    const monitor = new SreMonitor({ slos: slo, sources: { services: [{ name: 'guest', registries: [guest] }, { name: 'mailer', registries: [mailer] }] }, onAlert: () => undefined, sampleEveryMs: 10_000 });
    for (let i = 0; i < 400; i++) {
      for (let r = 0; r < 9; r++) book(201, 0.04);
      book(503, 2);
      await monitor.sample(i * 10_000);
    }
    const { series } = monitor.snapshot();
    assert.equal(series.at.length, 360, 'an hour of 10 s points, no more');
    const guestSeries = series.services.guest!;
    assert.equal(guestSeries.requestsPerSecond.at(-1), 1);
    assert.equal(guestSeries.errorRatio.at(-1), 0.1);
    assert.ok(guestSeries.p50.at(-1)! > 0.025 && guestSeries.p50.at(-1)! <= 0.05);
    assert.ok(guestSeries.p99.at(-1)! > 1);
    assert.equal(series.mail.queueDepth.at(-1), 7);
  });

  it('interpolates quantiles the way PromQL histogram_quantile does', () => {
    assert.equal(histogramQuantile(0.5, [[1, 50], [2, 100], [Number.POSITIVE_INFINITY, 100]]), 1);
    assert.equal(histogramQuantile(0.75, [[1, 50], [2, 100], [Number.POSITIVE_INFINITY, 100]]), 1.5);
    assert.equal(histogramQuantile(0.99, [[1, 50], [Number.POSITIVE_INFINITY, 100]]), 1);
    assert.equal(histogramQuantile(0.5, [[1, 0], [Number.POSITIVE_INFINITY, 0]]), undefined);
  });
});
