import type { EdgeProblem } from '@hatago/edge-rules';
import { escapeHtml } from '@hatago/platform/html';
import { vclString, type VclWriter } from './vcl-text.ts';

/**
 * The edge's own answer as the Node edge writes it (apps/edge/src/proxy/edge-answers.ts):
 * problem+json for /api/, a friendly page otherwise, the request id in both. Returns the VCL
 * statements that fill the body; `requestId` is a VCL expression.
 */
export function problemBody(w: VclWriter, problem: EdgeProblem, target: 'resp' | 'beresp', url: string, requestId: string) {
  const json = JSON.stringify({ type: 'about:blank', status: problem.status, title: problem.title, code: problem.code, detail: problem.detail, requestId: '' });
  const [jsonHead] = json.split('""}');
  w.block(`if (${url} ~ "^/api/")`, () => {
    w.line(`set ${target}.http.Content-Type = "application/problem+json";`);
    w.line(`synthetic(${vclString(`${jsonHead}"`)} + ${requestId} + ${vclString('"}')});`);
    w.line('return (deliver);');
  });
  const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(problem.title)}</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>${escapeHtml(problem.heading)}</h1><p>${escapeHtml(problem.detail)}</p>
<p>Request ID: <code>`;
  w.line(`set ${target}.http.Content-Type = "text/html; charset=utf-8";`);
  w.line(`synthetic(${vclString(page)} + ${requestId} + ${vclString('</code></p></body></html>')});`);
  w.line('return (deliver);');
}
