import type { StaffAccount } from '@hatago/identity';
import { CAUSES, type HalfYearRow, type Incident, renderPostmortem, SEVERITIES, type TimelineEntry } from '@hatago/incidents';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml, trusted } from '@hatago/platform/html';
import { field, formAlert, select, textArea, tokyoTime } from '@hatago/web-kit';
import { operatorPage } from './operator-page.ts';

export const INCIDENTS_PATH = '/operator/incidents';
const when = (date: Date | null) => (date ? tokyoTime(date.toISOString()) : '—');
const minutes = (value: number | null) => (value === null ? '—' : value < 120 ? `${Math.round(value)} min` : `${(value / 60).toFixed(1)} h`);
const severities = SEVERITIES.map((s) => ({ value: s, label: s }));
const causes = [{ value: '', label: 'unknown yet' }, ...CAUSES.map((c) => ({ value: c, label: c }))];

export interface NewIncidentForm {
  title: string;
  severity: string;
  cause: string;
  alert: string;
  startedAt: string;
}

function reportTable(rows: HalfYearRow[]): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">No incident recorded yet.</p>`;
  return html`<table id="half-year-report">
  <thead><tr><th>Half year</th><th>Incidents</th><th>Infrastructure</th><th>Product</th><th>External</th><th>Unclassified</th><th>Median time to detect</th><th>Median time to resolve</th></tr></thead>
  <tbody>${rows.map(
    (r) => html`<tr><td>${r.period}</td><td>${r.total}</td><td>${r.infrastructure}</td><td>${r.product}</td><td>${r.external}</td><td>${r.unclassified}</td><td>${minutes(r.medianMinutesToDetect)}</td><td>${minutes(r.medianMinutesToResolve)}</td></tr>`,
  )}</tbody>
</table>`;
}

export function incidentListPage(staff: StaffAccount, incidents: Incident[], report: HalfYearRow[], canWrite: boolean): string {
  return operatorPage(
    staff,
    'Incidents',
    html`<h1>Incidents</h1>
${canWrite ? html`<p><a href="${INCIDENTS_PATH}/new">Open an incident</a></p>` : ''}
<h2>By half year</h2>
${reportTable(report)}
<h2>Recent</h2>
${
  incidents.length === 0
    ? html`<p class="muted">None.</p>`
    : html`<table><thead><tr><th>#</th><th>Title</th><th>Severity</th><th>Cause</th><th>Status</th><th>Started</th><th>Alert</th></tr></thead><tbody>${incidents.map(
        (i) => html`<tr><td>${i.id}</td><td><a href="${INCIDENTS_PATH}/${i.id}">${i.title}</a></td><td>${i.severity}</td><td>${i.cause ?? 'unknown'}</td><td>${i.status}</td><td>${when(i.startedAt)}</td><td>${i.alert ?? ''}</td></tr>`,
      )}</tbody></table>`
}`,
  );
}

export function newIncidentPage(staff: StaffAccount, form: NewIncidentForm, errors: FieldError[] = []): string {
  return operatorPage(
    staff,
    'Open an incident',
    html`<h1>Open an incident</h1>
${formAlert(errors, ['title', 'severity', 'cause', 'startedAt'])}
<form method="post" action="${INCIDENTS_PATH}">
  ${field({ name: 'title', label: 'Title', value: form.title, required: true }, errors)}
  ${select({ name: 'severity', label: 'Severity', value: form.severity || 'sev2', options: severities }, errors)}
  ${select({ name: 'cause', label: 'Cause', value: form.cause, options: causes }, errors)}
  ${field({ name: 'startedAt', label: 'Impact started (ISO 8601, UTC; empty: now)', value: form.startedAt, attrs: { placeholder: '2026-12-07T03:10:00Z' } }, errors)}
  ${form.alert ? html`<p>From alert <code>${form.alert}</code></p>${field({ name: 'alert', label: '', type: 'hidden', value: form.alert })}` : ''}
  <button type="submit">Open</button>
</form>`,
  );
}

export function incidentPage(staff: StaffAccount, found: { incident: Incident; timeline: TimelineEntry[] }, canWrite: boolean, errors: FieldError[] = []): string {
  const { incident: i, timeline } = found;
  const open = i.status === 'open';
  const action = (name: string) => `${INCIDENTS_PATH}/${i.id}/${name}`;
  return operatorPage(
    staff,
    `Incident ${i.id}`,
    html`<h1>#${i.id} ${i.title}</h1>
<p>${i.severity} · cause ${i.cause ?? 'unknown'} · ${i.status}${i.alert ? html` · from alert <code>${i.alert}</code>` : ''} · opened by ${i.openedBy}</p>
<p>Started ${when(i.startedAt)} · detected ${when(i.detectedAt)} · resolved ${when(i.resolvedAt)}</p>
${i.resolution ? html`<p><strong>Resolution:</strong> ${i.resolution}</p>` : ''}
${formAlert(errors, ['entry', 'severity', 'cause', 'resolution', 'postmortem'])}
<h2>Timeline</h2>
<ul id="timeline">${timeline.map((t) => html`<li>${when(t.at)} — ${t.author}: ${t.entry}</li>`)}</ul>
${
  canWrite && open
    ? html`<form method="post" action="${action('notes')}">${textArea({ name: 'entry', label: 'Add to the timeline', maxLength: 4000, required: true }, errors)}<button type="submit">Add</button></form>
<form method="post" action="${action('resolve')}">${textArea({ name: 'resolution', label: 'Resolution', maxLength: 4000, required: true }, errors)}<button type="submit">Resolve</button></form>`
    : ''
}
${
  canWrite
    ? html`<form class="inline" method="post" action="${action('classify')}">${select({ name: 'severity', label: 'Severity', value: i.severity, options: severities }, errors)}${select({ name: 'cause', label: 'Cause', value: i.cause ?? '', options: causes }, errors)}<button type="submit">Classify</button></form>`
    : ''
}
<h2>Postmortem</h2>
<div class="postmortem">${i.postmortem ? trusted(renderPostmortem(i.postmortem)) : html`<p class="muted">Not written yet.</p>`}</div>
${canWrite ? html`<form method="post" action="${action('postmortem')}">${textArea({ name: 'postmortem', label: 'Postmortem (Markdown)', value: i.postmortem, maxLength: 100_000 }, errors)}<button type="submit">Save</button></form>` : ''}`,
  );
}
