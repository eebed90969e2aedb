/**
 * Where to send a user after a form, taken from a `next` value the user controls: only a
 * path on this site, under `within`, in printable ASCII. Anything else falls back, because
 * `//evil.example` or `/\evil.example` would make the form an open redirect, and a control
 * or non-ASCII character cannot go into a Location header at all (the reply would fail).
 */
export function localRedirect(next: unknown, fallback: string, within = '/'): string {
  return typeof next === 'string' && next.startsWith(within) && /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(next) ? next : fallback;
}
