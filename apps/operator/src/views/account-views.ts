import { type ApiToken, OPERATOR_ROLES, type OperatorAccount, type StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { field, formAlert, select, tokyoTime } from '@hatago/web-kit';
import { operatorPage } from './operator-page.ts';

export const ACCOUNTS_PATH = '/operator/accounts';
export const API_TOKENS_PATH = '/operator/api-tokens';

const ROLE_OPTIONS = OPERATOR_ROLES.map((role) => ({ value: role, label: role }));
const ROLE_NOTE = html`<p class="muted">support: reservations and mail · editor: banners, no guest data · admin: everything, accounts and tokens</p>`;
const when = (date: Date | null) => (date ? tokyoTime(date.toISOString()) : '—');

export function accountsPage(
  staff: StaffAccount,
  accounts: OperatorAccount[],
  options: { form?: Record<string, string>; errors?: FieldError[]; notice?: string } = {},
): string {
  const { form = {}, errors = [] } = options;
  return operatorPage(
    staff,
    'Operator accounts',
    html`<h1>Operator accounts</h1>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
${ROLE_NOTE}
<table>
  <thead><tr><th>Login</th><th>Name</th><th>Role</th><th>Status</th><th></th></tr></thead>
  <tbody>${accounts.map(
    (a) => html`<tr>
    <td>${a.login}</td><td>${a.name}</td>
    <td>${
      a.id === staff.id
        ? a.role
        : html`<form class="inline" method="post" action="${ACCOUNTS_PATH}/${a.id}/role">${select({ name: 'role', label: 'Role', value: a.role, options: ROLE_OPTIONS })}<button class="secondary" type="submit">Change role</button></form>`
    }</td>
    <td>${a.disabledAt ? `disabled ${when(a.disabledAt)}` : 'active'}</td>
    <td>${
      a.id === staff.id
        ? html`<span class="muted">you</span>`
        : html`<form method="post" action="${ACCOUNTS_PATH}/${a.id}/${a.disabledAt ? 'enable' : 'disable'}"><button class="${a.disabledAt ? 'secondary' : 'danger'}" type="submit">${a.disabledAt ? 'Enable' : 'Disable'}</button></form>`
    }</td>
  </tr>`,
  )}</tbody>
</table>
<h2>New operator</h2>
${formAlert(errors, ['login', 'name', 'role', 'password'])}
<form class="stack" method="post" action="${ACCOUNTS_PATH}">
  ${field({ name: 'login', label: 'Login', value: form.login ?? '', required: true }, errors)}
  ${field({ name: 'name', label: 'Name', value: form.name ?? '', required: true }, errors)}
  ${select({ name: 'role', label: 'Role', value: form.role ?? 'support', options: ROLE_OPTIONS }, errors)}
  ${field({ name: 'password', label: 'Initial password (10 characters or more)', type: 'password', required: true, attrs: { autocomplete: 'new-password' } }, errors)}
  <button type="submit">Create the account</button>
</form>`,
  );
}

export function apiTokensPage(
  staff: StaffAccount,
  tokens: ApiToken[],
  options: { form?: Record<string, string>; errors?: FieldError[]; created?: { name: string; token: string }; notice?: string } = {},
): string {
  const { form = {}, errors = [] } = options;
  return operatorPage(
    staff,
    'API tokens',
    html`<h1>API tokens</h1>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
${
  options.created
    ? html`<section class="card" role="status"><p>The token <strong>${options.created.name}</strong>: copy it now, it is not shown again.</p>
<p><code data-testid="new-token">${options.created.token}</code></p>
<p class="muted">Send it as <code>Authorization: Bearer …</code>, or set <code>HATAGO_API_TOKEN</code> for <code>npm run banners:publish</code>.</p></section>`
    : ''
}
<table>
  <thead><tr><th>Name</th><th>Role</th><th>Created</th><th>Last used</th><th>Status</th><th></th></tr></thead>
  <tbody>${tokens.map(
    (t) => html`<tr>
    <td>${t.name}</td><td>${t.role}</td><td>${when(t.createdAt)}</td><td>${when(t.lastUsedAt)}</td>
    <td>${t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'active'}</td>
    <td>${t.revokedAt ? '' : html`<form method="post" action="${API_TOKENS_PATH}/${t.id}/revoke"><button class="danger" type="submit">Revoke</button></form>`}</td>
  </tr>`,
  )}</tbody>
</table>
<h2>New token</h2>
${ROLE_NOTE}
${formAlert(errors, ['name', 'role'])}
<form class="stack" method="post" action="${API_TOKENS_PATH}">
  ${field({ name: 'name', label: 'Name (what uses it, e.g. design-ci)', value: form.name ?? '', required: true }, errors)}
  ${select({ name: 'role', label: 'Role', value: form.role ?? 'editor', options: ROLE_OPTIONS }, errors)}
  <button type="submit">Create the token</button>
</form>`,
  );
}
