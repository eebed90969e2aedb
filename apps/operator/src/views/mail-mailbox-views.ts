import type { StaffAccount } from '@hatago/identity';
import type { SinkMessage, SinkMessageSummary } from '@hatago/mail';
import { html } from '@hatago/platform/html';
import { tokyoTime } from '@hatago/web-kit';
import { MAIL_CSS, mailPreview } from './mail-preview.ts';
import { mailPath } from './mail-views.ts';
import { operatorPage } from './operator-page.ts';

export const MAILBOX_PATH = '/operator/mailbox';

/** What the dev sink received, like Mailpit's inbox: nothing here reached a real guest. */
export function mailboxPage(staff: StaffAccount, page: { items: SinkMessageSummary[]; nextBefore: number | null; paged: boolean }): string {
  return operatorPage(
    staff,
    'Dev mailbox',
    html`<h1>Dev mailbox</h1>
<p class="muted">Everything the dev sink provider “sent”, newest first. Nothing here reached a real inbox.</p>
${
  page.items.length === 0
    ? html`<p class="muted">The mailbox is empty.</p>`
    : html`<table>
  <thead><tr><th>Received</th><th>To</th><th>From</th><th>Subject</th></tr></thead>
  <tbody>${page.items.map(
    (m) => html`<tr>
    <td>${tokyoTime(m.receivedAt)}</td>
    <td>${m.recipient}</td>
    <td>${m.sender}</td>
    <td><a href="${MAILBOX_PATH}/${m.id}">${m.subject || '(no subject)'}</a></td>
  </tr>`,
  )}</tbody>
</table>`
}
<nav class="pagination" aria-label="Pages">
  ${page.paged ? html`<a class="button secondary" href="${MAILBOX_PATH}">← Newest</a>` : ''}
  ${page.nextBefore !== null ? html`<a class="button secondary" rel="next" href="${MAILBOX_PATH}?before=${page.nextBefore}">Older →</a>` : ''}
</nav>`,
  );
}

export function mailboxMessagePage(staff: StaffAccount, m: SinkMessage): string {
  return operatorPage(
    staff,
    m.subject || 'Mailbox message',
    html`<h1>${m.subject || '(no subject)'}</h1>
<section class="card">
  <dl class="facts">
    <dt>From</dt><dd>${m.sender}</dd>
    <dt>To</dt><dd>${m.recipient}</dd>
    <dt>Received</dt><dd>${tokyoTime(m.receivedAt)}</dd>
    <dt>History</dt><dd><a href="${mailPath(m.messageId)}">Message #${m.messageId}</a></dd>
    ${Object.entries(m.headers).map(([name, value]) => html`<dt>${name}</dt><dd><code>${value}</code></dd>`)}
  </dl>
</section>
${m.bodyHtml !== null ? html`<h2>HTML</h2>${mailPreview(m.bodyHtml, `${m.subject} as received`)}` : ''}
<h2>Plain text</h2>
<pre class="mail-text">${m.bodyText}</pre>
<p><a href="${MAILBOX_PATH}">Back to the mailbox</a></p>`,
    MAIL_CSS,
  );
}
