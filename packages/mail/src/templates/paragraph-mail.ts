import { html, type SafeHtml } from '@hatago/platform/html';
import { mailLayout, textLayout } from './mail-layout.ts';
import type { Locale } from './template.ts';

/** Renders a mail that says one thing in one paragraph (a welcome, a notice to the owner of an address). */
export function renderParagraphMail(locale: Locale, copy: { subject: string; heading: string; body: string }): { subject: string; html: SafeHtml; text: string } {
  return {
    subject: copy.subject,
    html: mailLayout(locale, copy.heading, html`<p>${copy.body}</p>`),
    text: textLayout(locale, copy.heading, copy.body),
  };
}
