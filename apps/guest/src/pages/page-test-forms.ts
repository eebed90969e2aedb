/**
 * Reads forms and links out of rendered pages, so page tests submit exactly what a
 * browser without JavaScript would.
 */
const unescape = (value: string) =>
  value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Hidden fields of the first form posting to `action` (and, if given, holding `marker`). */
export function hiddenFieldsOf(page: string, action: string, marker = ''): Record<string, string> {
  const forms = [...page.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => unescape(f[1]!) === action && f[2]!.includes(marker));
  if (!form) throw new Error(`no form posting to ${action}`);
  return Object.fromEntries(
    [...form[2]!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [unescape(m[1]!), unescape(m[2]!)]),
  );
}

export function hrefsOf(page: string, testId: string): string[] {
  return [...page.matchAll(new RegExp(`data-testid="${testId}" href="([^"]*)"`, 'g'))].map((m) => unescape(m[1]!));
}

export const formBody = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});
