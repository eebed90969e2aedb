import type { StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import type { StoredSpan, StoredTrace } from '@hatago/telemetry';
import { operatorPage } from './operator-page.ts';

const MAX_DEPTH = 8;

// bars are SVG geometry, not style attributes: the pages' content security policy allows no inline styles
const CSS =
  '.waterfall td{vertical-align:top}.waterfall svg{width:100%;min-width:16rem;height:.9rem;display:block}' +
  '.waterfall rect{fill:#4a6fa5}.waterfall rect.failed{fill:#b3261e}.waterfall code.sql{display:block;white-space:pre-wrap;font-size:.8rem}' +
  Array.from({ length: MAX_DEPTH + 1 }, (_, d) => `.depth-${d}{padding-left:${d * 1.1}rem}`).join('') +
  'tr.failed td:first-child{color:#b3261e}';

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
const when = (epochMs: number) => new Date(epochMs).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

const NO_STORE = html`<p class="muted">This process keeps no traces. In cluster mode every service exports its spans to the collector named by
<code>OTEL_EXPORTER_OTLP_ENDPOINT</code>; read them there (docs/observability.md).</p>`;

export function traceListPage(staff: StaffAccount, traces: StoredTrace[] | undefined): string {
  const body =
    traces === undefined
      ? NO_STORE
      : traces.length === 0
        ? html`<p class="muted">No slow or failed traces in the last hour.</p>`
        : html`<table>
  <thead><tr><th>Started</th><th>Trace</th><th>Duration</th><th>Spans</th><th>Outcome</th></tr></thead>
  <tbody>${traces.map(
    (t) => html`<tr${t.failed ? html` class="failed"` : ''}>
    <td>${when(t.startMs)}</td>
    <td><a href="/operator/traces/${t.traceId}">${t.name}</a><br><code class="muted">${t.traceId}</code></td>
    <td>${ms(t.durationMs)}</td>
    <td>${t.spans.length}</td>
    <td>${t.failed ? 'failed' : 'ok'}</td>
  </tr>`,
  )}</tbody>
</table>`;
  return operatorPage(
    staff,
    'Traces',
    html`<h1>Traces</h1>
<p>The slowest and the failed requests of the last hour, kept in this process's memory; each opens as a waterfall with its SQL.</p>
${body}`,
    CSS,
  );
}

/** Spans in tree order (each after its parent, siblings by start), with their depth. */
function inTreeOrder(spans: StoredSpan[]): Array<{ span: StoredSpan; depth: number }> {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | undefined, StoredSpan[]>();
  for (const span of spans) {
    // a parent outside this process's record (the client's, or one cut by the span limit) makes a root
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const ordered: Array<{ span: StoredSpan; depth: number }> = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const span of (children.get(parent) ?? []).sort((a, b) => a.startMs - b.startMs)) {
      ordered.push({ span, depth });
      visit(span.spanId, depth + 1);
    }
  };
  visit(undefined, 0);
  return ordered;
}

function bar(span: StoredSpan, trace: StoredTrace): SafeHtml {
  const scale = 1000 / Math.max(trace.durationMs, 0.001);
  const x = Math.min(1000, (span.startMs - trace.startMs) * scale);
  const width = Math.max(2, Math.min(1000 - x, span.durationMs * scale));
  return html`<svg viewBox="0 0 1000 10" preserveAspectRatio="none" role="img" aria-label="${ms(span.durationMs)} from ${ms(span.startMs - trace.startMs)}"><rect x="${x.toFixed(1)}" width="${width.toFixed(1)}" height="10"${span.error ? html` class="failed"` : ''}/></svg>`;
}

export function traceWaterfallPage(staff: StaffAccount, trace: StoredTrace): string {
  const rows = inTreeOrder(trace.spans).map(({ span, depth }) => {
    const statement = span.attributes['db.query.text'];
    return html`<tr${span.error ? html` class="failed"` : ''}>
    <td class="depth-${Math.min(depth, MAX_DEPTH)}">${span.name}${span.error ? html`<br><span class="muted">${span.error}</span>` : ''}${
      typeof statement === 'string' ? html`<code class="sql">${statement}</code>` : ''
    }${typeof span.attributes['db.response.returned_rows'] === 'number' ? html`<span class="muted">${span.attributes['db.response.returned_rows']} rows</span>` : ''}</td>
    <td>${ms(span.durationMs)}</td>
    <td>${bar(span, trace)}</td>
  </tr>`;
  });
  return operatorPage(
    staff,
    `Trace ${trace.traceId}`,
    html`<h1>${trace.name}</h1>
<p>Trace <code>${trace.traceId}</code>, started ${when(trace.startMs)}, ${ms(trace.durationMs)}, ${trace.spans.length} spans${trace.failed ? ', failed' : ''}.
<a href="/operator/traces">All traces</a></p>
<table class="waterfall">
  <thead><tr><th>Span</th><th>Duration</th><th>Timeline</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`,
    CSS,
  );
}
