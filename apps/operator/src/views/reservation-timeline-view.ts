import type { AuditRecord } from '@hatago/audit';
import type { MailSummary } from '@hatago/mail';
import { html, type SafeHtml } from '@hatago/platform/html';
import { isNote, isStaffView, type ReservationLife, reservationTimeline, type TimelineEvent } from '../reservation-timeline.ts';
import { auditDetail } from './audit-detail.ts';
import { tokyoTime } from '@hatago/web-kit';

function detailOf(event: TimelineEvent): SafeHtml {
  if (event.mail) {
    const m = event.mail;
    return html`<a href="/operator/mail/${m.id}">${m.template}</a> to ${m.recipient} · ${m.status}`;
  }
  // a note is the one entry written for people to read whole
  if (event.audit && isNote(event.audit)) return html`<p class="note">${String(event.audit.detail?.note ?? '')}</p>`;
  if (event.audit) return html`${auditDetail(event.audit.detail)}<span class="muted">Request ID: <code>${event.audit.requestId}</code></span>`;
  return html``;
}

const viewsList = (views: AuditRecord[]) =>
  views.length === 0
    ? html``
    : html`<details class="staff-views"><summary>Opened by staff ${views.length} ${views.length === 1 ? 'time' : 'times'}</summary>
<ul>${views.map((v) => html`<li>${tokyoTime(v.at)} · ${v.actor.name}${typeof v.detail?.page === 'string' ? ` (${v.detail.page} page)` : ''}</li>`)}</ul></details>`;

/** A reservation's history: the guest's, the staff's and the mail system's doings in one table, newest first. */
export function historySection(reservation: ReservationLife, audits: AuditRecord[], mails: MailSummary[]): SafeHtml {
  const events = reservationTimeline(reservation, audits, mails);
  const views = audits.filter(isStaffView);
  return html`<section><h2>History</h2>
<table class="timeline" data-testid="timeline"><thead><tr><th>When</th><th>Who</th><th>What</th><th>Detail</th></tr></thead>
<tbody>${events.map(
    (e) => html`<tr class="by-${e.actor.kind}"><td>${tokyoTime(e.at)}</td><td>${e.actor.name}${e.actor.kind === 'staff' || e.actor.kind === 'facility' ? html` <span class="muted">(${e.actor.kind})</span>` : ''}</td><td>${e.what}</td><td>${detailOf(e)}</td></tr>`,
  )}</tbody></table>
${viewsList(views)}</section>`;
}
