/**
 * Characters that change nothing a reader sees but everything a search compares: zero-width
 * spaces and joiners, the word joiner, the byte-order mark, and the bidi marks, embeddings,
 * overrides and isolates (which also make a name shown to staff read differently from what
 * was typed).
 */
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A person's name as it is stored and as it is searched for, one function for both so the
 * two always agree: compatibility-composed (full-width Latin becomes ASCII, half-width kana
 * becomes full-width), invisible characters removed, runs of whitespace one space, trimmed.
 */
export const normalisePersonName = (value: string): string =>
  value.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
