import type { AuditRecord } from '@hatago/audit';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, pageLinkWith, pagination, tokyoTime } from '@hatago/web-kit';
import { PAGE_SIZE } from '../filters.ts';
import { auditDetail } from './audit-detail.ts';
import { operatorPage } from './operator-page.ts';

function auditTable(entries: AuditRecord[]): SafeHtml {
  if (entries.length === 0) return html`<p class="muted">No entries.</p>`;
  return html`<table>
  <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Detail</th><th>Request ID</th></tr></thead>
  <tbody>${entries.map(
    (e) => html`<tr>
    <td>${tokyoTime(e.at)}</td>
    <td>${e.actor.name} <span class="muted">(${e.actor.kind} #${e.actor.id})</span></td>
    <td>${e.action}</td>
    <td>${e.target.type} ${e.target.id}</td>
    <td>${auditDetail(e.detail)}</td>
    <td><code>${e.requestId}</code></td>
  </tr>`,
  )}</tbody>
</table>`;
}

export function auditPage(
  staff: StaffAccount,
  form: Record<string, string>,
  outcome: { errors: FieldError[] } | { entries: AuditRecord[]; total: number; page: number },
): string {
  const errors = 'errors' in outcome ? outcome.errors : [];
  return operatorPage(
    staff,
    'Audit log',
    html`<h1>Audit log</h1>
${formAlert(errors, ['action', 'target'])}
<form class="inline" method="get" action="/operator/audit">
  ${field({ name: 'action', label: 'Action', value: form.action, attrs: { placeholder: 'reservation.cancel' } }, errors)}
  ${field({ name: 'target', label: 'Target ID', value: form.target, attrs: { placeholder: 'HT…' } }, errors)}
  <button type="submit">Filter</button>
</form>
${
  'entries' in outcome
    ? html`${auditTable(outcome.entries)}${pagination({ page: outcome.page, pageSize: PAGE_SIZE, total: outcome.total, link: pageLinkWith('/operator/audit', form) })}`
    : ''
}`,
  );
}
