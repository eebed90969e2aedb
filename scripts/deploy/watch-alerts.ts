/**
 * After a rollout: `npx tsx scripts/deploy/watch-alerts.ts --minutes 10` asks Prometheus
 * (PROMETHEUS_URL) every 15 s for firing alerts that page (severity="page", the SLO rules'
 * error-rate and latency alerts) and exits 1 at the first one, which makes the deploy
 * workflow roll back. An unreachable Prometheus fails too: a deploy nobody can watch is not
 * declared good.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';

interface PrometheusAlert {
  state: string;
  labels: Record<string, string>;
}

/** The alerts in a /api/v1/alerts answer that stop a deploy: firing, and paging. */
export function deployStoppers(answer: { data: { alerts: PrometheusAlert[] } }): string[] {
  return answer.data.alerts.filter((a) => a.state === 'firing' && a.labels.severity === 'page').map((a) => a.labels.alertname ?? 'unnamed alert');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' } } });
  const base = process.env.PROMETHEUS_URL;
  if (!base) {
    console.error('watch-alerts: PROMETHEUS_URL is not set');
    process.exit(1);
  }
  const deadline = Date.now() + Number(values.minutes) * 60_000;
  while (Date.now() < deadline) {
    const answer = (await (await fetch(`${base.replace(/\/$/, '')}/api/v1/alerts`, { signal: AbortSignal.timeout(10_000) })).json()) as { data: { alerts: PrometheusAlert[] } };
    const stoppers = deployStoppers(answer);
    if (stoppers.length) {
      console.error(`watch-alerts: firing: ${stoppers.join(', ')}`);
      process.exit(1);
    }
    await delay(15_000);
  }
  console.log(`watch-alerts: no paging alert for ${values.minutes} minutes`);
}
