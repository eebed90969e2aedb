import type { AuditRecord } from '@hatago/audit';
import { daysOverdue, type FlagEnvironmentRule, type StoredFlag } from '@hatago/flags';
import { can, type StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { emptyFlagForm, environmentNames, type FlagForm, flagFormHtml, flagFormOf, FLAGS_PATH } from './flag-form.ts';
import { auditDetail } from './audit-detail.ts';
import { tokyoTime } from '@hatago/web-kit';
import { operatorPage } from './operator-page.ts';

const CSS = `
.overdue{background:#b3261e;color:#fff;border-radius:.25rem;padding:0 .4rem;font-size:.8rem;white-space:nowrap}
.state-off{color:#6b6b6b}.state-on{font-weight:600}
td form.inline{margin:.25rem 0 0}
table.environments input[type=text]{width:100%}
`;

const flagPath = (key: string) => `${FLAGS_PATH}/${encodeURIComponent(key)}`;

/** How an environment treats visitors, in the words the console uses everywhere. */
export function ruleState(rule: FlagEnvironmentRule | undefined): string {
  if (!rule) return 'off (no rule)';
  if (!rule.enabled) return 'off';
  const previews = rule.allow.length > 0;
  if (rule.percent >= 100) return 'on for everyone';
  if (rule.percent <= 0) return previews ? 'previews only' : 'on for nobody';
  return `on for ${rule.percent} %${previews ? ' + previews' : ''}`;
}

function overdueBadge(flag: StoredFlag, now: Date): SafeHtml {
  const days = daysOverdue(flag.definition, now);
  return days > 0 ? html` <span class="overdue" data-testid="overdue">overdue ${days} ${days === 1 ? 'day' : 'days'}</span>` : html``;
}

/** One click turns an environment off (the kill switch) or back on; the page it lands on says what happened. */
function switchButton(flag: StoredFlag, environment: string, rule: FlagEnvironmentRule): SafeHtml {
  return html`<form class="inline" method="post" action="${flagPath(flag.definition.key)}/environments/${environment}">
<input type="hidden" name="enabled" value="${rule.enabled ? 'false' : 'true'}">
<button type="submit" class="${rule.enabled ? 'danger' : 'secondary'}">${rule.enabled ? `Turn off in ${environment}` : `Turn on in ${environment}`}</button></form>`;
}

function stateCell(staff: StaffAccount, flag: StoredFlag, environment: string): SafeHtml {
  const rule = flag.definition.environments[environment];
  return html`<td data-testid="state-${flag.definition.key}-${environment}"><span class="${rule?.enabled ? 'state-on' : 'state-off'}">${ruleState(rule)}</span>${
    rule && can(staff, 'flags.write') ? switchButton(flag, environment, rule) : ''
  }</td>`;
}

export function flagsPage(staff: StaffAccount, state: { flags: StoredFlag[]; now: Date; notice?: string; form?: FlagForm; errors?: FieldError[] }): string {
  const environments = environmentNames(state.flags.map((f) => f.definition));
  const overdue = state.flags.filter((f) => daysOverdue(f.definition, state.now) > 0);
  return operatorPage(
    staff,
    'Feature flags',
    html`<h1>Feature flags</h1>
${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ''}
${
  overdue.length > 0
    ? html`<div class="alert" role="alert" data-testid="overdue-flags"><p><strong>${overdue.length} ${overdue.length === 1 ? 'flag is' : 'flags are'} past expiry</strong>: release to everyone and remove from the code, or move the expiry.</p>
<ul>${overdue.map((f) => html`<li><a href="${flagPath(f.definition.key)}">${f.definition.key}</a> expired ${f.definition.expiresOn} · owner ${f.definition.owner}</li>`)}</ul></div>`
    : ''
}
<p class="muted">A change reaches every app and the edge within 2 seconds. Turning an environment off is the kill switch: the flag is off there for every visitor, previews included.</p>
${
  state.flags.length === 0
    ? html`<p class="muted">No flags.</p>`
    : html`<table data-testid="flags"><thead><tr><th>Flag</th><th>Owner</th><th>Expires</th>${environments.map((e) => html`<th>${e}</th>`)}</tr></thead>
<tbody>${state.flags.map(
        (f) => html`<tr><td><a href="${flagPath(f.definition.key)}">${f.definition.key}</a><br><span class="muted">${f.definition.description}</span></td>
<td>${f.definition.owner}</td><td>${f.definition.expiresOn}${overdueBadge(f, state.now)}</td>${environments.map((e) => stateCell(staff, f, e))}</tr>`,
      )}</tbody></table>`
}
${can(staff, 'flags.write') ? html`<h2 id="new">New flag</h2>${flagFormHtml(state.form ?? emptyFlagForm(), state.errors ?? [], FLAGS_PATH, true)}` : ''}`,
    CSS,
  );
}

function historyTable(history: AuditRecord[]): SafeHtml {
  if (history.length === 0) return html`<p class="muted">No changes recorded.</p>`;
  return html`<table data-testid="history"><thead><tr><th>When</th><th>Who</th><th>What</th><th>Change</th></tr></thead>
<tbody>${history.map((h) => html`<tr><td>${tokyoTime(h.at)}</td><td>${h.actor.name}</td><td>${h.action.replace(/^feature_flag\./, '')}${
    typeof h.detail?.environment === 'string' ? ` ${h.detail.environment}` : ''
  }</td><td>${auditDetail(h.detail)}</td></tr>`)}</tbody></table>`;
}

export function flagPage(staff: StaffAccount, state: { flag: StoredFlag; history: AuditRecord[]; now: Date; form?: FlagForm; errors?: FieldError[]; notice?: string }): string {
  const { flag } = state;
  const key = flag.definition.key;
  const mayWrite = can(staff, 'flags.write');
  return operatorPage(
    staff,
    `Flag ${key}`,
    html`<h1>${key}${overdueBadge(flag, state.now)}</h1>
${state.notice ? html`<div class="alert" role="alert">${state.notice}</div>` : ''}
<p>${flag.definition.description}</p>
<p class="muted">Version ${flag.version}, changed ${tokyoTime(flag.updatedAt.toISOString())} by ${flag.updatedBy}.</p>
<table><thead><tr>${environmentNames([flag.definition], false).map((e) => html`<th>${e}</th>`)}</tr></thead>
<tbody><tr>${environmentNames([flag.definition], false).map((e) => stateCell(staff, flag, e))}</tr></tbody></table>
${
  mayWrite
    ? html`<h2>Edit</h2>${flagFormHtml(state.form ?? flagFormOf(flag), state.errors ?? [], flagPath(key), false)}
<p><a class="button danger" href="${flagPath(key)}/delete">Delete this flag…</a></p>`
    : html`<p class="muted">Your role may read flags, not change them.</p>`
}
<h2>History</h2>
${historyTable(state.history)}
<p><a href="${FLAGS_PATH}">Back to flags</a></p>`,
    CSS,
  );
}

export function deleteFlagPage(staff: StaffAccount, flag: StoredFlag): string {
  const key = flag.definition.key;
  return operatorPage(
    staff,
    `Delete ${key}`,
    html`<h1>Delete ${key}?</h1>
<p>Code that still asks for <code>${key}</code> gets its default (off) everywhere, at once. Its definition stays in the history.</p>
<form method="post" action="${flagPath(key)}/delete">
<input type="hidden" name="version" value="${flag.version}">
<button type="submit" class="danger">Delete ${key}</button> <a href="${flagPath(key)}">Cancel</a></form>`,
    CSS,
  );
}
