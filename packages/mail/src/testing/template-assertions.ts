import assert from 'node:assert/strict';
import type { TemplateRegistry } from '../templates/template-registry.ts';

/**
 * What every email template owes its reader, whichever module owns it: HTML in the shared
 * frame and plain text in both languages, with markup the caller passed escaped.
 */
export function assertRendersEmail(templates: TemplateRegistry, name: string, params: unknown): void {
  for (const locale of ['ja', 'en'] as const) {
    const rendered = templates.render(name, params, locale);
    assert.equal(rendered.channel, 'email');
    if (rendered.channel !== 'email') continue;
    assert.ok(rendered.subject.length > 0, `${name} ${locale} subject`);
    assert.match(rendered.html, new RegExp(`^<!doctype html>\\s*<html lang="${locale}">`));
    assert.ok(!rendered.html.includes('<script>'), `${name} ${locale} escapes`);
    assert.ok(!rendered.html.includes('<Co>') && !rendered.html.includes('token=abc&lang'), `${name} ${locale} escapes`);
    assert.ok(rendered.text.length > 0 && !/<(p|a|table|div)\b/.test(rendered.text), `${name} ${locale} text has no markup`);
  }
}

/** Slack reads `&`, `<` and `>` as markup: a notice may not pass the caller's through unescaped. */
export function assertNoticeEscapes(templates: TemplateRegistry, name: string, params: unknown): void {
  const rendered = templates.render(name, params, 'en');
  assert.equal(rendered.channel, 'slack');
  assert.ok(!JSON.stringify(rendered).includes('<&>') && !JSON.stringify(rendered).includes('<@U123>'));
}
