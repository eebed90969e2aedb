import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slo } from '../../../../config/slo.ts';
import { BURN_RATE_ALERTS } from '../burn-rate-policy.ts';
import { defineSlos, type SloDefinition } from '../slo-definition.ts';
import { cloudWatchBurnAlarms } from './cloudwatch-burn-alarms.ts';

const http = (service: string) => ({ histogram: 'http_request_duration_seconds', selector: { service, route: '/search' } });
const availability: SloDefinition = {
  name: 'search-availability',
  journey: 'search',
  description: 'Searches answer',
  objective: 0.999,
  window: '28d',
  indicator: { kind: 'availability', source: http('guest'), errors: { status: '5..' } },
};
const latency: SloDefinition = {
  name: 'console-latency',
  journey: 'console',
  description: 'Console answers within 800 ms',
  objective: 0.95,
  window: '28d',
  indicator: { kind: 'latency', source: http('operator'), thresholdSeconds: 0.8 },
};

describe('CloudWatch burn-rate alarms', () => {
  it('one alarm per SLO and page-level window pair, over the same windows as the Prometheus alerts', () => {
    const { alarms } = cloudWatchBurnAlarms(defineSlos([availability]));
    assert.deepEqual(
      alarms.map((a) => [a.name, a.service, a.windows.map((w) => w.name)]),
      [
        ['search-availability-SloErrorBudgetBurnFast', 'guest', ['1h', '5m']],
        ['search-availability-SloErrorBudgetBurnSlow', 'guest', ['6h', '30m']],
      ],
    );
    assert.deepEqual(alarms[0]!.windows.map((w) => w.seconds), [3600, 300]);
  });

  it('alarms on the 5xx ratio at factor × error budget for availability', () => {
    const [fast, slow] = cloudWatchBurnAlarms(defineSlos([availability])).alarms;
    assert.deepEqual(fast!.condition, { metric: 'server-error-ratio', threshold: 0.0144 });
    assert.deepEqual(slow!.condition, { metric: 'server-error-ratio', threshold: 0.006 });
  });

  it('alarms on the response time percentile that crosses the objective threshold at that error ratio', () => {
    const [fast, slow] = cloudWatchBurnAlarms(defineSlos([latency])).alarms;
    // 14.4 × 5 % = 72 % slower than 800 ms ⇔ p28 above 800 ms; 6 × 5 % = 30 % ⇔ p70
    assert.deepEqual(fast!.condition, { metric: 'response-time-percentile', statistic: 'p28', threshold: 0.8 });
    assert.deepEqual(slow!.condition, { metric: 'response-time-percentile', statistic: 'p70', threshold: 0.8 });
    const [search] = cloudWatchBurnAlarms(defineSlos([{ ...latency, objective: 0.99 }])).alarms;
    assert.deepEqual(search!.condition, { metric: 'response-time-percentile', statistic: 'p85.6', threshold: 0.8 });
    // 14.4 × 0.01 % = 0.144 % ⇔ p99.856, written p99.86: a hair earlier, never later
    const [strict] = cloudWatchBurnAlarms(defineSlos([{ ...latency, objective: 0.9999 }])).alarms;
    assert.deepEqual(strict!.condition, { metric: 'response-time-percentile', statistic: 'p99.86', threshold: 0.8 });
  });

  it('describes each alarm with its SLO and the runbook of its alert', () => {
    const [fast] = cloudWatchBurnAlarms(defineSlos([availability])).alarms;
    assert.match(fast!.description, /^search-availability: error budget burning 14\.4× too fast over 1h and 5m\. Searches answer \(objective 99\.9 % over 28d\)\. Runbook: docs\/operations\.md#sloerrorbudgetburnfast$/i);
  });

  it('leaves to Prometheus what no target group measures, saying why', () => {
    const mail: SloDefinition = { ...latency, name: 'mail-delivery', indicator: { kind: 'latency', source: { histogram: 'mail_delivery_seconds', selector: {} }, thresholdSeconds: 300 } };
    const twoApps: SloDefinition = { ...availability, name: 'both-availability', indicator: { ...availability.indicator, source: http('guest|operator') } };
    const timeouts: SloDefinition = { ...availability, name: 'timeouts', indicator: { kind: 'availability', source: http('guest'), errors: { status: '504' } } };
    const result = cloudWatchBurnAlarms(defineSlos([mail, twoApps, timeouts]));
    assert.deepEqual(result.alarms, []);
    assert.deepEqual(result.prometheusOnly.map((p) => p.slo), ['mail-delivery', 'both-availability', 'timeouts']);
    assert.match(result.prometheusOnly[0]!.reason, /publishes no CloudWatch metric/);
  });

  it('skips a pair whose error ratio could never be reached', () => {
    const loose = { ...latency, objective: 0.9 };
    assert.deepEqual(cloudWatchBurnAlarms(defineSlos([loose])).alarms.map((a) => a.alert), ['SloErrorBudgetBurnSlow']);
  });

  it('covers every HTTP SLO of config/slo.ts, and leaves mail delivery to Prometheus', () => {
    const result = cloudWatchBurnAlarms(slo);
    const pages = BURN_RATE_ALERTS.filter((p) => p.severity === 'page').length;
    assert.equal(result.alarms.length, (slo.slos.length - 1) * pages);
    assert.deepEqual(result.prometheusOnly.map((p) => p.slo), ['mail-delivery']);
  });
});
