import { html, type SafeHtml } from '@hatago/platform/html';

/**
 * The mail's own policy, first in its document: whatever the HTML holds, it loads nothing
 * from anywhere (no tracking pixels, remote fonts or stylesheets) and runs no script.
 */
const MAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * The policy of a console page that shows mail. A srcdoc frame inherits it as well, so
 * the mail is held by both; the console pages themselves need nothing more.
 */
export const MAIL_PAGE_CSP = `${MAIL_CSP}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/**
 * Shows a mail's HTML as the guest saw it without letting it act on the console: an empty
 * `sandbox` gives the frame a unique origin (no cookies, no access to this page), no
 * scripts, forms, pop-ups or top-level navigation; the escaped srcdoc cannot break out
 * of its attribute.
 */
export function mailPreview(bodyHtml: string, title: string): SafeHtml {
  return html`<iframe class="mail-preview" sandbox="" referrerpolicy="no-referrer" title="${title}" srcdoc="${`<meta http-equiv="Content-Security-Policy" content="${MAIL_CSP}">${bodyHtml}`}"></iframe>`;
}

export const MAIL_CSS = `
iframe.mail-preview{width:100%;min-height:32rem;border:1px solid var(--line);border-radius:6px;background:#fff}
pre.mail-text{white-space:pre-wrap;background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem;max-height:32rem;overflow:auto}
`;
