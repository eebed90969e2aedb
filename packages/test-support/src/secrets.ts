/**
 * Whether `text` holds `secret` on its own (a card's security code written back, logged or
 * stored), not as part of a longer run of token characters: pages and rows carry random
 * nonces, ids and tokens, and a three-digit code turns up inside one of them about once in
 * a few hundred pages, which made tests that looked for the bare digits fail by chance.
 */
export function holdsSecret(text: string, secret: string): boolean {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![0-9A-Za-z_-])${escaped}(?![0-9A-Za-z_-])`).test(text);
}
