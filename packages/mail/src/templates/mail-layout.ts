import { html, type SafeHtml } from '@hatago/platform/html';
import type { Locale } from './template.ts';

const FOOTER: Record<Locale, string> = {
  ja: 'このメールは Hatago から送信専用アドレスでお送りしています。ご返信いただいてもお答えできません。',
  en: 'This message was sent by Hatago from an address that cannot receive replies.',
};

/** A label and value per line: the same facts as a table in HTML and as aligned lines in text. */
export type Facts = Array<[label: string, value: string]>;

export const factsHtml = (facts: Facts) =>
  html`<table role="presentation" style="border-collapse:collapse;margin:16px 0">${facts.map(
    ([label, value]) =>
      html`<tr><th style="text-align:left;padding:4px 16px 4px 0;color:#6b5e4a;font-weight:normal">${label}</th><td style="padding:4px 0">${value}</td></tr>`,
  )}</table>`;

export const factsText = (facts: Facts) => facts.map(([label, value]) => `${label}: ${value}`).join('\n');

/**
 * The one frame every Hatago mail shares: inline styles only (mail clients drop style
 * sheets), the heading, the body, and the no-reply footer in the mail's language.
 */
export function mailLayout(locale: Locale, heading: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${heading}</title></head>
<body style="margin:0;background:#f6f3ee;font-family:'Hiragino Sans','Noto Sans JP',Helvetica,Arial,sans-serif;color:#2b2418">
<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff">
<p style="margin:0 0 16px;font-size:20px;letter-spacing:0.2em;color:#8a6d3b">HATAGO</p>
<h1 style="font-size:20px;font-weight:normal;margin:0 0 16px">${heading}</h1>
${body}
<p style="margin-top:32px;font-size:12px;color:#6b5e4a">${FOOTER[locale]}</p>
</div></body></html>`;
}

/** The plain-text counterpart of {@link mailLayout}. */
export const textLayout = (locale: Locale, heading: string, body: string) => `${heading}\n\n${body}\n\n--\nHatago\n${FOOTER[locale]}\n`;
