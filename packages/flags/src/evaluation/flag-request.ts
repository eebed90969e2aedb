/**
 * How a request carries what flags are evaluated on. Shared by the edge and the apps so
 * both read the same cookie, query parameter and headers.
 */

/** The visitor's random id, the stickiness of percentage rollouts (first-party, no personal data). */
export const VISITOR_COOKIE = 'hatago_vid';
export const PREVIEW_QUERY = 'preview';
export const PREVIEW_HEADER = 'x-hatago-preview';
/**
 * The flags the edge found on for this request, comma-separated (empty: none). The edge
 * removes any a client sends and sets its own, keys its cache by it, and the apps follow it,
 * so a cached page always shows what its key says. Without it (an app reached directly)
 * the apps evaluate for themselves.
 */
export const EDGE_FLAGS_HEADER = 'hatago-flags';

// a visitor id is ours (random, url-safe); anything else is ignored and replaced
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

export const isVisitorId = (value: string | undefined): value is string => value !== undefined && VISITOR_ID.test(value);

/** Preview values from the query and the header, each possibly a comma-separated list. */
export function previewValues(query: string | readonly string[] | undefined, header: string | readonly string[] | undefined): string[] {
  const values: string[] = [];
  for (const source of [query, header]) {
    for (const item of typeof source === 'string' ? [source] : (source ?? [])) {
      for (const value of item.split(',')) {
        const trimmed = value.trim();
        if (trimmed) values.push(trimmed);
      }
    }
  }
  return values;
}

/** The edge's decision header read back: undefined when absent (no edge in front). */
export function edgeFlagsOf(header: string | readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (header === undefined) return undefined;
  const text = typeof header === 'string' ? header : header.join(',');
  return new Set(text.split(',').map((key) => key.trim()).filter(Boolean));
}
