import { scaledDuration } from '../burn-rate-policy.ts';
import { type RuleGroup, runbookUrl as runbook } from './rule-types.ts';

const H = 'http_request_duration_seconds';
const BY = 'service, method, route';

/** Alerts that guard no SLO of their own: a route slower than last week, a traffic surge, a late mail queue, a hidden outage, a silent target. */
export function platformRuleGroups(scale: number): RuleGroup[] {
  const d = (seconds: number) => scaledDuration(seconds, scale);
  return [
    {
      name: 'hatago-routes',
      rules: [
        { record: 'route:http_requests:rate5m', expr: `sum by (${BY}) (rate(${H}_count[${d(300)}]))` },
        { record: 'route:http_requests:rate1h', expr: `sum by (${BY}) (rate(${H}_count[${d(3600)}]))` },
        { record: 'route:http_server_errors:ratio_rate5m', expr: `(sum by (${BY}) (rate(${H}_count{status=~"5.."}[${d(300)}])) or route:http_requests:rate5m * 0) / route:http_requests:rate5m` },
        { record: 'route:http_request_duration_seconds:p95_rate30m', expr: `histogram_quantile(0.95, sum by (${BY}, le) (rate(${H}_bucket[${d(1800)}])))` },
        {
          alert: 'RouteLatencyRegression',
          // its own baseline: the same half hour a week ago; the floors keep quiet, fast routes out
          expr: `route:http_request_duration_seconds:p95_rate30m > 1.5 * (route:http_request_duration_seconds:p95_rate30m offset ${d(7 * 86_400)}) and route:http_request_duration_seconds:p95_rate30m > 0.25 and route:http_requests:rate5m > 0.1`,
          for: d(1800),
          labels: { severity: 'ticket' },
          annotations: {
            summary: '{{ $labels.service }} {{ $labels.method }} {{ $labels.route }}: p95 latency 50 % above the same time last week',
            runbook_url: runbook('RouteLatencyRegression'),
          },
        },
        {
          alert: 'EndpointTrafficSurge',
          // against the hour before the last ten minutes, so the surge does not raise its own baseline
          expr: `route:http_requests:rate5m > 5 * (route:http_requests:rate1h offset ${d(600)}) and route:http_requests:rate5m > 1`,
          for: d(300),
          labels: { severity: 'page' },
          annotations: {
            summary: '{{ $labels.service }} {{ $labels.method }} {{ $labels.route }}: traffic 5× its last hour',
            runbook_url: runbook('EndpointTrafficSurge'),
          },
        },
      ],
    },
    {
      name: 'hatago-platform',
      rules: [
        { record: 'hatago:booking_conversion:ratio_rate1h', expr: `sum(rate(hatago_bookings_total[${d(3600)}])) / sum(rate(hatago_searches_total[${d(3600)}]))` },
        {
          record: 'edge:cache_hit:ratio_rate5m',
          expr: `sum(rate(edge_cache_responses_total{cache=~"HIT|STALE"}[${d(300)}])) / sum(rate(edge_cache_responses_total[${d(300)}]))`,
        },
        {
          alert: 'MailQueueLate',
          expr: 'max(mail_oldest_due_message_age_seconds) > 600',
          for: d(300),
          labels: { severity: 'page' },
          annotations: { summary: 'A mail due for sending has waited more than 10 minutes', runbook_url: runbook('MailQueueLate') },
        },
        {
          alert: 'EdgeServingStaleOnError',
          expr: `sum(rate(edge_cache_stale_if_error_total[${d(300)}])) > 0`,
          for: d(600),
          labels: { severity: 'ticket' },
          annotations: { summary: 'The edge is answering from stale copies because an origin fails: users see old pages, not the outage', runbook_url: runbook('EdgeServingStaleOnError') },
        },
        {
          alert: 'ScrapeTargetDown',
          expr: 'up == 0',
          for: d(300),
          labels: { severity: 'page' },
          annotations: { summary: '{{ $labels.job }} {{ $labels.instance }} cannot be scraped', runbook_url: runbook('ScrapeTargetDown') },
        },
      ],
    },
  ];
}
