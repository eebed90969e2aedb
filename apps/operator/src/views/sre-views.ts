import type { StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import type { SreSnapshot } from '@hatago/slo';
import { operatorPage } from './operator-page.ts';

const percent = (value: number | undefined, digits = 3) => (value === undefined || value === null ? '—' : `${(value * 100).toFixed(digits)} %`);
const times = (value: number | undefined) => (value === undefined || value === null ? '—' : `${value.toFixed(2)}×`);
const age = (seconds: number) => (seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${Math.round(seconds / 60)} min`);

const CSS = `
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:1rem}
.chart h3{margin:.2rem 0;font-size:1rem}
.burning{color:#a40000;font-weight:600}
.budget-out{color:#a40000}`;

/** SLIs per journey, active alerts, and chart slots the page's script fills from /operator/sre/data. */
export function sreTable(snapshot: SreSnapshot): SafeHtml {
  return html`<table id="slo-table">
  <thead><tr><th>Journey</th><th>SLO</th><th>Objective</th><th>SLI</th><th>Error budget left</th><th>Burn rate (1 h)</th><th>History</th></tr></thead>
  <tbody>${snapshot.slos.map(
    (s) => html`<tr data-slo="${s.name}">
    <td>${s.journey}</td>
    <td title="${s.description}">${s.name}</td>
    <td>${percent(s.objective, 2)} / ${s.window}</td>
    <td data-field="sli">${percent(s.sli)}</td>
    <td data-field="budgetLeft" class="${(s.budgetLeft ?? 1) < 0 ? 'budget-out' : ''}">${percent(s.budgetLeft, 1)}</td>
    <td data-field="burnRate1h" class="${(s.burnRate1h ?? 0) > 1 ? 'burning' : ''}">${times(s.burnRate1h)}</td>
    <td data-field="historySeconds">${age(s.historySeconds)}</td>
  </tr>`,
  )}</tbody>
</table>`;
}

export function alertList(snapshot: SreSnapshot): SafeHtml {
  if (snapshot.alerts.length === 0) return html`<p class="muted" id="alerts">No alert firing.</p>`;
  return html`<ul id="alerts">${snapshot.alerts.map(
    (a) => html`<li class="${a.severity === 'page' ? 'burning' : ''}">[${a.severity}] <strong>${a.alert}</strong> ${a.slo}: ${a.summary}
    — runbook <code>${a.runbookUrl}</code>
    — <a href="/operator/incidents/new?alert=${encodeURIComponent(`${a.alert}/${a.slo}`)}&amp;since=${String(a.activeSince)}">open an incident</a></li>`,
  )}</ul>`;
}

/** A distributed deployment: Prometheus evaluates the SLOs, Grafana or Prometheus's own pages chart them. */
export function sreElsewherePage(staff: StaffAccount): string {
  return operatorPage(
    staff,
    'SRE',
    html`<h1>Service levels</h1>
<p>This deployment runs without the embedded evaluator: its SLOs are evaluated by Prometheus from <code>deploy/prometheus/slo-rules.yml</code> and alerts reach Slack through Alertmanager (<code>docs/observability.md</code>).</p>`,
  );
}

export function srePage(staff: StaffAccount, snapshot: SreSnapshot): string {
  const charts: Array<[string, string]> = [
    ['requests', 'Requests per second, by service'],
    ['errors', 'Server error ratio, by service'],
    ['latency', 'Guest latency p50 / p95 / p99 (s)'],
    ['edge', 'Edge hit ratio, stale answers per second (on error: an outage the cache hides)'],
    ['mail', 'Mail queue depth, oldest due message (s)'],
  ];
  return operatorPage(
    staff,
    'SRE',
    html`<h1>Service levels</h1>
<p class="muted">Evaluated in this process from config/slo.ts every 10 seconds; alerts go to Slack through the mail platform. Updated <span id="generated-at">${new Date(snapshot.generatedAt).toISOString()}</span>.</p>
${sreTable(snapshot)}
<h2>Alerts</h2>
${alertList(snapshot)}
<h2>Last hour</h2>
<noscript><p>The charts need JavaScript; the table above is current as of this page load.</p></noscript>
<div class="charts">${charts.map(([id, title]) => html`<div class="chart"><h3>${title}</h3><div id="chart-${id}"></div></div>`)}</div>
<link rel="stylesheet" href="/operator/assets/uplot.min.css">
<script src="/operator/assets/uplot.min.js"></script>
<script src="/operator/assets/sre-dashboard.js"></script>`,
    CSS,
  );
}
