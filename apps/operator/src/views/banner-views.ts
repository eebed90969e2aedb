import { type BannerDocument, type BannerDraft, type BannerVersion, type DiffEntry, type DocumentError } from '@hatago/banners';
import { can, type StaffAccount } from '@hatago/identity';
import { html, type SafeHtml } from '@hatago/platform/html';
import { changeList } from './audit-detail.ts';
import { tokyoTime } from '@hatago/web-kit';
import { operatorPage } from './operator-page.ts';

export const BANNERS_PATH = '/operator/banners';
export const BANNER_UPLOAD_SCRIPT = `${BANNERS_PATH}/upload.js`;

const CSS = `
textarea.document{width:100%;min-height:18rem;font-family:ui-monospace,monospace;font-size:.85rem}
pre.document{white-space:pre-wrap;font-size:.85rem;max-height:30rem;overflow:auto}
table.errors td:first-child{font-family:ui-monospace,monospace;white-space:nowrap}
.previews{display:flex;gap:.75rem;flex-wrap:wrap}
`;

const when = (date: Date) => tokyoTime(date.toISOString());
const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

function bannerTable(document: BannerDocument): SafeHtml {
  if (document.banners.length === 0) return html`<p class="muted">No banners.</p>`;
  return html`<table>
  <thead><tr><th>Id</th><th>Slot</th><th>Priority</th><th>From</th><th>Until</th><th>Caption (en)</th><th>Target</th></tr></thead>
  <tbody>${document.banners.map(
    (b) => html`<tr><td>${b.id}</td><td>${b.slot}</td><td>${b.priority}</td><td>${b.start}</td><td>${b.end}</td><td>${b.caption.en}</td><td><code>${json(b.target ?? {})}</code></td></tr>`,
  )}</tbody>
</table>`;
}

export function diffTable(diff: DiffEntry[]): SafeHtml {
  return html`<div class="diff" data-testid="diff">${changeList(diff, html`<p class="muted">No difference.</p>`)}</div>`;
}

function errorTable(errors: DocumentError[]): SafeHtml {
  return html`<div class="alert" role="alert"><p>The document has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; nothing was saved or published.</p>
<table class="errors" data-testid="document-errors"><thead><tr><th>Path</th><th>Problem</th></tr></thead>
<tbody>${errors.map((e) => html`<tr><td>${e.path}</td><td>${e.message}</td></tr>`)}</tbody></table></div>`;
}

/** The upload form: paste into the box, or pick a file that the page's script reads into it. */
function uploadForm(text: string): SafeHtml {
  return html`<form class="stack" method="post" action="${BANNERS_PATH}/drafts">
  <label>Banner document file (.json) <input type="file" id="document-file" accept=".json,application/json"></label>
  <label>…or paste the document <textarea class="document" name="document" id="document-text" spellcheck="false" required>${text}</textarea></label>
  <p class="muted">The document is checked against <a href="/api/v1/banners/schema.json">the schema</a>; nothing is published until you publish a checked draft.</p>
  <button type="submit">Check and preview</button>
</form>
<script src="${BANNER_UPLOAD_SCRIPT}"></script>`;
}

export function bannersPage(
  staff: StaffAccount,
  state: {
    live: BannerVersion | undefined;
    document: BannerDocument;
    versions: BannerVersion[];
    text: string;
    errors?: DocumentError[];
    notice?: string;
    uploaded?: { key: string; width: number; height: number };
    imageError?: string;
  },
): string {
  const mayPublish = can(staff, 'banners.publish');
  return operatorPage(
    staff,
    'Banners',
    html`<h1>Banners</h1>
${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ''}
<p>${state.live ? html`Live: <strong data-testid="live-version">version ${state.live.version}</strong>, published ${when(state.live.publishedAt)} by ${state.live.actor.name}.` : 'Nothing published yet: the site shows no banners.'}</p>
${bannerTable(state.document)}
<h2>Images</h2>
${
  state.uploaded
    ? html`<div class="notice" role="status"><p>Stored (${state.uploaded.width}×${state.uploaded.height}, metadata removed). Put this key in a banner's <code>image</code>:</p>
<p><code data-testid="image-key">${state.uploaded.key}</code></p><img src="/images/${state.uploaded.key}?w=320" alt="" width="320"></div>`
    : ''
}
${state.imageError ? html`<div class="alert" role="alert">${state.imageError}</div>` : ''}
<form class="inline" method="post" action="${BANNERS_PATH}/images" enctype="multipart/form-data">
  <label>Image (JPEG, PNG, WebP, AVIF) <input type="file" name="image" accept="image/*" required></label>
  <button type="submit">Upload the image</button>
</form>
<h2>Upload a new document</h2>
${state.errors ? errorTable(state.errors) : ''}
${uploadForm(state.text)}
<h2>Versions</h2>
${
  state.versions.length === 0
    ? html`<p class="muted">No versions.</p>`
    : html`<table><thead><tr><th>Version</th><th>Published</th><th>By</th><th></th><th></th></tr></thead><tbody>${state.versions.map(
        (v, i) => html`<tr>
  <td><a href="${BANNERS_PATH}/versions/${v.version}">${v.version}</a>${v.restoredFrom !== null ? html` <span class="muted">(rollback to ${v.restoredFrom})</span>` : ''}</td>
  <td>${when(v.publishedAt)}</td><td>${v.actor.name}</td>
  <td>${state.versions[i + 1] ? html`<a href="${BANNERS_PATH}/diff?from=${state.versions[i + 1]!.version}&amp;to=${v.version}">diff with ${state.versions[i + 1]!.version}</a>` : ''}</td>
  <td>${
    mayPublish && i > 0
      ? html`<form method="post" action="${BANNERS_PATH}/versions/${v.version}/rollback"><button class="secondary" type="submit">Roll back to ${v.version}</button></form>`
      : ''
  }</td>
</tr>`,
      )}</tbody></table>`
}`,
    CSS,
  );
}

export function draftPage(staff: StaffAccount, draft: BannerDraft, diff: DiffEntry[], previews: Array<{ label: string; href: string }>): string {
  return operatorPage(
    staff,
    `Banner draft ${draft.id}`,
    html`<h1>Draft ${draft.id}</h1>
<p class="notice" role="status">The document passed every check. Saved ${when(draft.createdAt)} by ${draft.actor.name}.</p>
<h2>Preview the real guest pages with this draft</h2>
<p class="muted">Only you see these (private links for an hour, never cached); the site keeps the live banners until you publish.</p>
<p class="previews">${previews.map((p) => html`<a class="button secondary" target="_blank" rel="noopener" href="${p.href}">${p.label}</a>`)}</p>
${bannerTable(draft.document)}
<h2>Changes from the live version</h2>
${diffTable(diff)}
${
  can(staff, 'banners.publish')
    ? html`<form method="post" action="${BANNERS_PATH}/drafts/${draft.id}/publish"><button type="submit">Publish</button></form>`
    : html`<p class="muted">Your role may not publish.</p>`
}
<p><a href="${BANNERS_PATH}">Back to banners</a></p>`,
    CSS,
  );
}

export function versionPage(staff: StaffAccount, version: BannerVersion): string {
  return operatorPage(
    staff,
    `Banner version ${version.version}`,
    html`<h1>Version ${version.version}</h1>
<p>Published ${when(version.publishedAt)} by ${version.actor.name}${version.restoredFrom !== null ? ` (rollback to ${version.restoredFrom})` : ''}.</p>
<pre class="document" data-testid="version-text">${version.text}</pre>
<p><a href="${BANNERS_PATH}">Back to banners</a></p>`,
    CSS,
  );
}

export function diffPage(staff: StaffAccount, from: number, to: number, diff: DiffEntry[]): string {
  return operatorPage(staff, `Banners: ${from} → ${to}`, html`<h1>Version ${from} → ${to}</h1>${diffTable(diff)}<p><a href="${BANNERS_PATH}">Back to banners</a></p>`, CSS);
}

/** Reads a chosen file into the box, so a file and a paste are sent the same way. */
export const UPLOAD_SCRIPT = `document.getElementById('document-file')?.addEventListener('change', async (event) => {
  const file = event.target.files && event.target.files[0];
  if (file) document.getElementById('document-text').value = await file.text();
});
`;
