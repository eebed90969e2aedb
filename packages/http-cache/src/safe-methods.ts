/**
 * The safe methods: RFC 9110 §9.2.1's, and the extensions the IANA method registry marks safe
 * (PROPFIND, REPORT, SEARCH, QUERY). Every other one, the standard unsafe ones and any other
 * extension (WebDAV's PROPPATCH, MOVE …), may change its target, so a success invalidates it
 * (RFC 9111 §4.4).
 */
export const SAFE_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'REPORT', 'SEARCH', 'QUERY'];
const SAFE = new Set(SAFE_METHODS);

export const isSafeMethod = (method: string): boolean => SAFE.has(method);
