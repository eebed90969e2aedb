import type { StaffAccount } from '@hatago/identity';
import { LIFT_REASON_MAX, type Suppression } from '@hatago/mail';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { field, formAlert, pageLinkWith, pagination, textArea, tokyoTime } from '@hatago/web-kit';
import { can } from '@hatago/identity';
import { mailPath } from './mail-views.ts';
import { operatorPage } from './operator-page.ts';

export const SUPPRESSIONS_PATH = '/operator/mail/suppressions';
export const SUPPRESSION_PAGE_SIZE = 50;

export function suppressionListPage(
  staff: StaffAccount,
  form: Record<string, string>,
  outcome: { errors: FieldError[] } | { items: Suppression[]; total: number; page: number },
  notice?: string,
): string {
  const errors = 'errors' in outcome ? outcome.errors : [];
  const mayLift = can(staff, 'mail.suppression.lift');
  const results =
    'items' in outcome
      ? outcome.items.length === 0
        ? html`<p class="muted">No suppressed address matches.</p>`
        : html`<table>
  <thead><tr><th>Address</th><th>Reason</th><th>Since</th><th>Caused by</th>${mayLift ? html`<th></th>` : ''}</tr></thead>
  <tbody>${outcome.items.map(
    (s) => html`<tr>
    <td>${s.address}</td>
    <td>${s.reason}</td>
    <td>${tokyoTime(s.createdAt)}</td>
    <td>${s.sourceMessageId !== null ? html`<a href="${mailPath(s.sourceMessageId)}">#${s.sourceMessageId}</a>` : ''}</td>
    ${mayLift ? html`<td><a class="button secondary" href="${SUPPRESSIONS_PATH}/lift?${new URLSearchParams({ address: s.address }).toString()}">Lift…</a></td>` : ''}
  </tr>`,
  )}</tbody>
</table>
${pagination({ page: outcome.page, pageSize: SUPPRESSION_PAGE_SIZE, total: outcome.total, link: pageLinkWith(SUPPRESSIONS_PATH, form) })}`
      : html``;
  return operatorPage(
    staff,
    'Suppression list',
    html`<h1>Suppression list</h1>
<p class="muted">Mail to these addresses is recorded as suppressed and not sent: they bounced, reported a mail as spam or unsubscribed.</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${formAlert(errors, ['address'])}
<form class="inline" method="get" action="${SUPPRESSIONS_PATH}">
  ${field({ name: 'address', label: 'Address contains', value: form.address }, errors)}
  <button type="submit">Filter</button>
</form>
${results}`,
  );
}

export function liftSuppressionPage(staff: StaffAccount, form: { address: string; reason: string }, errors: FieldError[] = []): string {
  return operatorPage(
    staff,
    'Lift a suppression',
    html`<h1>Lift the suppression of ${form.address}</h1>
${formAlert(errors, ['reason'])}
<form class="stack" method="post" action="${SUPPRESSIONS_PATH}/lift">
  <input type="hidden" name="address" value="${form.address}">
  ${textArea({ name: 'reason', label: 'Reason (required, kept in the audit log)', value: form.reason, maxLength: LIFT_REASON_MAX, required: true }, errors)}
  <button class="danger" type="submit">Lift the suppression</button>
</form>
<p><a href="${SUPPRESSIONS_PATH}">Back to the list</a></p>`,
  );
}
