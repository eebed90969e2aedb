/** Internal request headers; a client's own copies are removed on arrival. */
export const H = {
  path: 'X-Hatago-Path',
  route: 'X-Hatago-Route',
  backend: 'X-Hatago-Backend',
  policy: 'X-Hatago-Policy',
  keyUrl: 'X-Hatago-Key-Url',
  keyExtra: 'X-Hatago-Key-Extra',
  /** "1": the route asks the origin for the key URL (`forwardQuery: 'key'`). */
  forwardKey: 'X-Hatago-Forward-Key',
  xcache: 'X-Hatago-X-Cache',
  cacheStatus: 'X-Hatago-Cache-Status',
  setCookie: 'X-Hatago-Set-Cookie',
  location: 'X-Hatago-Location',
  synth: 'X-Hatago-Synth',
  asked: 'X-Hatago-Asked',
  purged: 'X-Hatago-Purged',
  purgeKey: 'X-Hatago-Key',
  /**
   * "kept": a stale entry stays in the cache while its refresh is fetched in the foreground;
   * "serve": that fetch failed, so the restarted request serves the entry (stale-if-error).
   * The only one that lives across restarts.
   */
  staleKept: 'X-Hatago-Stale-Kept',
} as const;

/** Headers stored on cached objects for the VCL's own use, removed before delivery. */
export const OBJ = {
  path: 'X-Hatago-Obj-Path',
  swr: 'X-Hatago-Swr',
  /** The cache directives the edge obeys: the targeted field's (RFC 9213) when one is valid, else Cache-Control's. */
  cc: 'X-Hatago-Cc',
} as const;

/** The request path without query, set on arrival. */
export const PATH = `req.http.${H.path}`;
