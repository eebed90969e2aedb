import { html, type SafeHtml } from '@hatago/platform/html';
import { mailLayout, textLayout } from './mail-layout.ts';
import type { Locale } from './template.ts';

/** The words of a mail whose whole point is one link, in one language. */
export interface LinkMailCopy {
  subject: string;
  heading: string;
  /** Why the mail came and how long the link works. */
  intro: string;
  button: string;
  /** What to do if the reader did not ask for it. */
  ignore: string;
}

/**
 * Renders a one-link mail (verify an address, reset a password): the button, and the
 * address spelled out beneath it for clients that hide buttons or block links.
 */
export function renderLinkMail(locale: Locale, copy: LinkMailCopy, url: string): { subject: string; html: SafeHtml; text: string } {
  return {
    subject: copy.subject,
    html: mailLayout(
      locale,
      copy.heading,
      html`<p>${copy.intro}</p>
<p><a href="${url}" style="display:inline-block;padding:12px 24px;background:#8a6d3b;color:#ffffff;text-decoration:none">${copy.button}</a></p>
<p style="font-size:12px;word-break:break-all">${url}</p>
<p>${copy.ignore}</p>`,
    ),
    text: textLayout(locale, copy.heading, `${copy.intro}\n\n${url}\n\n${copy.ignore}`),
  };
}
