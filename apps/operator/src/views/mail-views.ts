import type { StaffAccount } from '@hatago/identity';
import { MAIL_STATUSES, type MailHistoryItem, type MailMessageDetail } from '@hatago/mail';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, select, tokyoTime } from '@hatago/web-kit';
import { can } from '@hatago/identity';
import { MAIL_CSS, mailPreview } from './mail-preview.ts';
import { operatorPage } from './operator-page.ts';

const SEARCH_FIELDS = ['recipient', 'reference', 'category', 'status', 'from', 'to'];

export const mailPath = (id: number) => `/operator/mail/${id}`;

/** The same search, continued after the last row shown. */
const nextPageLink = (form: Record<string, string>, after: number) =>
  `/operator/mail?${new URLSearchParams(Object.entries({ ...form, after: String(after) }).filter(([, v]) => v !== ''))}`;

const firstPageLink = (form: Record<string, string>) =>
  `/operator/mail?${new URLSearchParams(Object.entries({ ...form, after: '' }).filter(([, v]) => v !== ''))}`;

export function mailSearchPage(
  staff: StaffAccount,
  form: Record<string, string>,
  outcome: { errors: FieldError[] } | { items: MailHistoryItem[]; nextAfter: number | null },
): string {
  const errors = 'errors' in outcome ? outcome.errors : [];
  const results =
    'items' in outcome
      ? outcome.items.length === 0
        ? html`<p class="muted">No message matches.</p>`
        : html`<table>
  <thead><tr><th>#</th><th>Queued</th><th>Status</th><th>Template</th><th>Recipient</th><th>Reference</th><th>Category</th><th>Attempts</th></tr></thead>
  <tbody>${outcome.items.map(
    (m) => html`<tr>
    <td><a href="${mailPath(m.id)}">${m.id}</a></td>
    <td>${tokyoTime(m.createdAt)}</td>
    <td><span class="mail-${m.status}">${m.status}</span></td>
    <td>${m.template}${m.subject ? html`<br><span class="muted">${m.subject}</span>` : ''}</td>
    <td>${m.recipient}</td>
    <td>${m.reference ? html`<a href="/operator/reservations/${encodeURIComponent(m.reference)}">${m.reference}</a>` : ''}</td>
    <td>${m.category}</td>
    <td>${m.attempts}</td>
  </tr>`,
  )}</tbody>
</table>
<nav class="pagination" aria-label="Pages">
  ${form.after ? html`<a class="button secondary" href="${firstPageLink(form)}">← Newest</a>` : ''}
  ${outcome.nextAfter !== null ? html`<a class="button secondary" rel="next" href="${nextPageLink(form, outcome.nextAfter)}">Older →</a>` : ''}
</nav>`
      : html``;
  return operatorPage(
    staff,
    'Mail history',
    html`<h1>Mail history</h1>
<p><a href="/operator/mail/suppressions">Suppression list</a> · <a href="/operator/mailbox">Dev mailbox</a></p>
${formAlert(errors, SEARCH_FIELDS)}
<form class="inline" method="get" action="/operator/mail">
  ${field({ name: 'recipient', label: 'Recipient (whole address)', type: 'email', value: form.recipient }, errors)}
  ${field({ name: 'reference', label: 'Reservation code', value: form.reference, attrs: { placeholder: 'HT…' } }, errors)}
  ${field({ name: 'category', label: 'Category', value: form.category, attrs: { placeholder: 'reservation' } }, errors)}
  ${select({ name: 'status', label: 'Status', value: form.status, options: [{ value: '', label: 'Any' }, ...MAIL_STATUSES.map((s) => ({ value: s, label: s }))] }, errors)}
  ${field({ name: 'from', label: 'Queued from', type: 'date', value: form.from }, errors)}
  ${field({ name: 'to', label: 'Queued to', type: 'date', value: form.to }, errors)}
  <button type="submit">Search</button>
</form>
${results}`,
    MAIL_CSS,
  );
}

const notices: Record<string, string> = {
  retried: 'Queued again: a worker sends it within moments.',
  discarded: 'Discarded: it will not be sent.',
};

export function mailMessagePage(staff: StaffAccount, m: MailMessageDetail, view: { notice?: string; suppressed: boolean }): string {
  const actionable = m.status === 'dead' || m.status === 'failed';
  const body: SafeHtml =
    m.bodyPurgedAt !== null
      ? html`<p class="muted">The body was purged on ${tokyoTime(m.bodyPurgedAt)} under the retention policy; the subject, metadata and timeline remain.</p>`
      : m.bodyWithheld
        ? html`<p class="muted">Not shown: this mail carries a password reset link, which would sign its reader in as the member.</p>`
        : m.bodyText === null
          ? html`<p class="muted">Not rendered yet: bodies are rendered when a worker sends the message.</p>`
        : html`${m.bodyHtml !== null ? html`<h3>HTML</h3>${mailPreview(m.bodyHtml, `Mail #${m.id} as the recipient saw it`)}` : ''}
<h3>Plain text</h3>
<pre class="mail-text">${m.bodyText}</pre>`;
  return operatorPage(
    staff,
    `Mail #${m.id}`,
    html`<h1>Mail #${m.id} <span class="mail-${m.status}">${m.status}</span></h1>
${view.notice && notices[view.notice] ? html`<p class="notice" role="status">${notices[view.notice]}</p>` : ''}
<section class="card">
  <dl class="facts">
    <dt>Recipient</dt><dd>${m.recipient}${view.suppressed ? html` <a href="/operator/mail/suppressions?address=${encodeURIComponent(m.recipient)}">(suppressed)</a>` : ''}</dd>
    <dt>Channel</dt><dd>${m.channel}</dd>
    <dt>Template</dt><dd>${m.template} (${m.locale})</dd>
    <dt>Subject</dt><dd>${m.subject ?? ''}</dd>
    <dt>Category</dt><dd>${m.category}</dd>
    <dt>Reference</dt><dd>${m.reference ? html`<a href="/operator/reservations/${encodeURIComponent(m.reference)}">${m.reference}</a>` : ''}</dd>
    <dt>Queued</dt><dd>${tokyoTime(m.createdAt)}</dd>
    <dt>Sent</dt><dd>${m.sentAt ? tokyoTime(m.sentAt) : ''}</dd>
    <dt>Attempts</dt><dd>${m.attempts}</dd>
    ${m.status === 'queued' || m.status === 'sending' ? html`<dt>Next attempt</dt><dd>${tokyoTime(m.nextAttemptAt)}</dd>` : ''}
    <dt>Last error</dt><dd>${m.lastError ?? ''}</dd>
    <dt>Provider</dt><dd>${m.provider ?? ''}${m.providerMessageId ? html` <code>${m.providerMessageId}</code>` : ''}</dd>
  </dl>
  ${
    actionable
      ? html`<div class="actions">
    <form method="post" action="${mailPath(m.id)}/retry"><button type="submit">Retry</button></form>
    ${can(staff, 'mail.discard') ? html`<form method="post" action="${mailPath(m.id)}/discard"><button class="danger" type="submit">Discard</button></form>` : ''}
  </div>`
      : ''
  }
</section>
<section>
  <h2>Timeline</h2>
  ${
    m.timeline.length === 0
      ? html`<p class="muted">Nothing has happened to it yet.</p>`
      : html`<table>
    <thead><tr><th>When</th><th>Event</th><th>By</th><th>Detail</th></tr></thead>
    <tbody>${m.timeline.map((e) => html`<tr><td>${tokyoTime(e.occurredAt)}</td><td>${e.type}</td><td>${e.source}</td><td>${e.detail ?? ''}</td></tr>`)}</tbody>
  </table>`
  }
</section>
<section>
  <h2>As the recipient saw it</h2>
  ${body}
</section>`,
    MAIL_CSS,
  );
}
