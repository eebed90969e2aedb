import type { MatchRule, ValueMatch } from '@hatago/edge-rules';
import { PATH } from './internal-headers.ts';
import { escapeRegex, headerName, vclRegex, vclString } from './vcl-text.ts';

function valueCondition(subject: { present: string; value: string; equals: (v: string) => string }, match: ValueMatch): string {
  if (match.equals !== undefined) return subject.equals(match.equals);
  if (match.pattern !== undefined) return `${subject.present} && ${subject.value} ~ ${vclRegex(match.pattern)}`;
  return subject.present;
}

/** One match rule as a VCL boolean expression (every given condition must hold). */
export function matchCondition(match: MatchRule): string {
  const parts: string[] = [];
  // equality, not a regex: a method token may hold characters a regex reads (`.`, `*`, `+`, `|`)
  if (match.methods) parts.push(`(${match.methods.map((method) => `req.method == ${vclString(method)}`).join(' || ')})`);
  if (match.host !== undefined) parts.push(`req.http.host ~ ${vclRegex(`(?i)^${escapeRegex(match.host)}(:[0-9]+)?$`)}`);
  if (match.pathPrefix !== undefined && match.pathPrefix !== '/') {
    parts.push(`${PATH} ~ ${vclRegex(`^${escapeRegex(match.pathPrefix.replace(/\/$/, ''))}(/|$)`)}`);
  }
  if (match.pathPattern !== undefined) parts.push(`${PATH} ~ ${vclRegex(match.pathPattern)}`);
  if (match.header) {
    const name = headerName(match.header.name);
    parts.push(
      valueCondition(
        { present: `req.http.${name}`, value: `req.http.${name}`, equals: (v) => `req.http.${name} == ${vclString(v)}` },
        match.header,
      ),
    );
  }
  if (match.cookie) {
    const name = escapeRegex(match.cookie.name);
    parts.push(
      valueCondition(
        {
          present: `req.http.Cookie ~ ${vclRegex(`(^|;)\\s*${name}\\s*=`)}`,
          value: cookieValue(match.cookie.name),
          equals: (v) => `req.http.Cookie ~ ${vclRegex(`(^|;)\\s*${name}\\s*=`)} && ${cookieValue(match.cookie!.name)} == ${vclString(v)}`,
        },
        match.cookie,
      ),
    );
  }
  if (match.query) {
    const name = escapeRegex(match.query.name);
    // the first occurrence decides, as URLSearchParams.get does
    const first = `^[^?]*\\?(?:[^&]*&)*?${name}(?:=|&|$)`;
    parts.push(
      match.query.equals === undefined
        ? `req.url ~ ${vclRegex(first)}`
        : `req.url ~ ${vclRegex(first)} && ${queryValue(match.query.name)} == ${vclString(match.query.equals)}`,
    );
  }
  return parts.length === 0 ? 'true' : parts.join(' && ');
}

/** The first cookie of that name, trimmed, like the Node edge's RequestView.cookie. */
export const cookieValue = (name: string) =>
  `regsub(req.http.Cookie, ${vclRegex(`^(?:[^;]*;)*?\\s*${escapeRegex(name)}\\s*=\\s*([^;]*?)\\s*(?:;.*)?$|^.*$`)}, "\\1")`;

/** The first raw value of a query parameter ('' when absent or without '=': the `|^.*$` branch matches with no group). */
export const queryValue = (name: string) =>
  `regsub(req.url, ${vclRegex(`^[^?]*\\?(?:[^&]*&)*?${escapeRegex(name)}(?:=([^&]*))?(?:&.*)?$|^.*$`)}, "\\1")`;
