import { type AuditChange, type AuditFact, describeDetail } from '@hatago/audit';
import { html, type SafeHtml } from '@hatago/platform/html';
import { tokyoTime, yen } from '@hatago/web-kit';

/**
 * The one way the console shows what an audit entry recorded, wherever it shows one (the
 * audit log, a flag's history, a reservation's timeline, a banner diff): fields with
 * before → after, written for people, never a JSON blob.
 */

/** Past this many characters a value shows its start, the rest one click away. */
export const LONG_VALUE = 80;

const yenAmount = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? yen(value) : undefined);

/**
 * Formatters by the ending of a field's name (`cancelFee`, `totalPrice`): a field is money only
 * where its name says so, so an id or a count is never shown as yen.
 */
const BY_SUFFIX: ReadonlyArray<readonly [suffix: string, format: (value: unknown) => string | undefined]> = [
  ['fee', yenAmount],
  ['price', yenAmount],
  ['refund', yenAmount],
  ['amount', yenAmount],
];

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const lastName = (path: string) => path.slice(path.lastIndexOf('.') + 1).replace(/\[.*\]$/, '').toLowerCase();

/** A value as a person reads it: yes/no, Tokyo time, yen where the field is money, lists and records spelt out. */
export function formatValue(path: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  const field = lastName(path);
  for (const [suffix, format] of BY_SUFFIX) {
    if (!field.endsWith(suffix)) continue;
    const formatted = format(value);
    if (formatted !== undefined) return formatted;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return INSTANT.test(value) ? tokyoTime(value) : value;
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((item) => formatValue(path, item)).join(', ');
  if (isObject(value)) {
    const fields = Object.entries(value);
    return fields.length === 0 ? '(none)' : fields.map(([key, inner]) => `${key}: ${formatValue(key, inner)}`).join('; ');
  }
  return String(value);
}

/** A formatted value in `<code>`; a long one cut short with the whole of it under a disclosure. */
export function valueHtml(path: string, value: unknown): SafeHtml {
  const text = formatValue(path, value);
  if (text.length <= LONG_VALUE) return html`<code>${text}</code>`;
  return html`<details class="long-value"><summary><code>${text.slice(0, LONG_VALUE - 1)}…</code></summary><code>${text}</code></details>`;
}

function changeItem(c: AuditChange): SafeHtml {
  if (c.change === 'added') return html`<li class="change-added"><code>${c.path}</code>: <ins>added</ins> ${valueHtml(c.path, c.after)}</li>`;
  if (c.change === 'removed') return html`<li class="change-removed"><code>${c.path}</code>: <del>removed</del> ${valueHtml(c.path, c.before)}</li>`;
  return html`<li class="change-changed"><code>${c.path}</code>: ${valueHtml(c.path, c.before)} → ${valueHtml(c.path, c.after)}</li>`;
}

const factItem = (f: AuditFact) => html`<li><code>${f.path}</code>: ${valueHtml(f.path, f.value)}</li>`;

/** A list of field changes, e.g. a banner document diff; `empty` when there are none. */
export function changeList(changes: AuditChange[], empty = html``): SafeHtml {
  return changes.length === 0 ? empty : html`<ul class="audit-changes">${changes.map(changeItem)}</ul>`;
}

/** What an audit entry's detail recorded: its facts, then its changes. Empty for an empty detail. */
export function auditDetail(detail: Record<string, unknown> | undefined): SafeHtml {
  const { changes, facts } = describeDetail(detail);
  return html`${facts.length > 0 ? html`<ul class="audit-facts">${facts.map(factItem)}</ul>` : ''}${changeList(changes)}`;
}

/** Styles for the lists above; pages that show audit entries add them to their CSS. */
export const AUDIT_DETAIL_CSS = `
ul.audit-facts,ul.audit-changes{margin:0;padding-left:1rem}
.change-added ins{color:#1b6e2a;text-decoration:none;font-weight:600}
.change-removed del{color:#b3261e;font-weight:600}
details.long-value{display:inline-block;max-width:40rem}
details.long-value[open] summary code{display:none}
details.long-value code{white-space:pre-wrap;word-break:break-word}
p.note{white-space:pre-wrap;margin:0}
`;
