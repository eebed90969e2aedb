// The SRE page's charts and live refresh: polls /operator/sre/data and redraws with uPlot.
// Plain browser JavaScript, served by the operator app (the CSP allows scripts from 'self' only).
(() => {
  const EVERY_MS = 10000;
  const charts = {};
  const percent = (v, d) => (v === null || v === undefined ? '—' : (v * 100).toFixed(d) + ' %');
  const times = (v) => (v === null || v === undefined ? '—' : v.toFixed(2) + '×');
  const age = (s) => (s >= 3600 ? (s / 3600).toFixed(1) + ' h' : Math.round(s / 60) + ' min');
  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

  function draw(id, x, columns) {
    const el = document.getElementById('chart-' + id);
    if (!el) return;
    const data = [x, ...columns.map((c) => c.values)];
    const key = columns.map((c) => c.label).join('|');
    if (charts[id] && charts[id].key === key) return charts[id].plot.setData(data);
    if (charts[id]) charts[id].plot.destroy();
    const opts = {
      width: Math.max(320, el.clientWidth || 460),
      height: 200,
      series: [{}, ...columns.map((c, i) => ({ label: c.label, stroke: palette[i % palette.length], spanGaps: true, scale: c.scale || 'y' }))],
      axes: [{}, { scale: 'y' }, ...(columns.some((c) => c.scale === 'r') ? [{ scale: 'r', side: 1, grid: { show: false } }] : [])],
    };
    charts[id] = { key, plot: new uPlot(opts, data, el) };
  }

  // the same list the page was rendered with, built as DOM nodes: alert text never becomes markup
  function renderAlerts(alerts) {
    const old = document.getElementById('alerts');
    const list = document.createElement(alerts.length ? 'ul' : 'p');
    list.id = 'alerts';
    if (!alerts.length) {
      list.className = 'muted';
      list.textContent = 'No alert firing.';
    }
    for (const a of alerts) {
      const item = document.createElement('li');
      if (a.severity === 'page') item.className = 'burning';
      const name = document.createElement('strong');
      name.textContent = a.alert;
      const open = document.createElement('a');
      open.href = '/operator/incidents/new?' + new URLSearchParams({ alert: a.alert + '/' + a.slo, since: String(a.activeSince) });
      open.textContent = 'open an incident';
      item.append('[' + a.severity + '] ', name, ' ' + a.slo + ': ' + a.summary + ' — runbook ' + a.runbookUrl + ' — ', open);
      list.append(item);
    }
    old.replaceWith(list);
  }

  function render(snapshot) {
    document.getElementById('generated-at').textContent = new Date(snapshot.generatedAt).toISOString();
    for (const slo of snapshot.slos) {
      const row = document.querySelector('tr[data-slo="' + CSS.escape(slo.name) + '"]');
      if (!row) continue;
      row.querySelector('[data-field="sli"]').textContent = percent(slo.sli, 3);
      const budget = row.querySelector('[data-field="budgetLeft"]');
      budget.textContent = percent(slo.budgetLeft, 1);
      budget.className = (slo.budgetLeft ?? 1) < 0 ? 'budget-out' : '';
      const burn = row.querySelector('[data-field="burnRate1h"]');
      burn.textContent = times(slo.burnRate1h);
      burn.className = (slo.burnRate1h ?? 0) > 1 ? 'burning' : '';
      row.querySelector('[data-field="historySeconds"]').textContent = age(slo.historySeconds);
    }
    renderAlerts(snapshot.alerts);
    const s = snapshot.series;
    const services = Object.keys(s.services);
    draw('requests', s.at, services.map((n) => ({ label: n, values: s.services[n].requestsPerSecond })));
    draw('errors', s.at, services.map((n) => ({ label: n, values: s.services[n].errorRatio })));
    const guest = s.services.guest || { p50: [], p95: [], p99: [] };
    draw('latency', s.at, [
      { label: 'p50', values: guest.p50 },
      { label: 'p95', values: guest.p95 },
      { label: 'p99', values: guest.p99 },
    ]);
    draw('edge', s.at, [
      { label: 'hit ratio', values: s.edge.hitRatio },
      { label: 'stale/s', values: s.edge.staleAnswersPerSecond, scale: 'r' },
      { label: 'stale on error/s', values: s.edge.staleOnErrorPerSecond, scale: 'r' },
    ]);
    draw('mail', s.at, [
      { label: 'queue depth', values: s.mail.queueDepth },
      { label: 'oldest due (s)', values: s.mail.oldestDueSeconds, scale: 'r' },
    ]);
  }

  async function refresh() {
    try {
      const res = await fetch('/operator/sre/data', { headers: { accept: 'application/json' } });
      if (res.ok) render(await res.json());
    } finally {
      setTimeout(refresh, EVERY_MS);
    }
  }
  refresh();
})();
