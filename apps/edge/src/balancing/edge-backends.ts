export class EdgeBackendsError extends Error {
  constructor(detail: string) {
    super(`invalid configuration: ${detail}`);
  }
}

/** Instance base URLs per backend name, as given in EDGE_BACKENDS. */
export type EdgeBackends = Record<string, string[]>;

/**
 * Parses `{"guest":["http://127.0.0.1:3001","http://127.0.0.1:3011"],…}` and says exactly
 * what is wrong otherwise: the cluster launcher and operators write this by hand.
 */
export function parseEdgeBackends(text: string): EdgeBackends {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EdgeBackendsError(`EDGE_BACKENDS is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EdgeBackendsError('EDGE_BACKENDS must be an object of backend name → list of URLs');
  const backends: EdgeBackends = {};
  for (const [name, urls] of Object.entries(value)) {
    if (!Array.isArray(urls) || urls.length === 0) throw new EdgeBackendsError(`EDGE_BACKENDS.${name} must be a non-empty list of URLs`);
    backends[name] = urls.map((url, i) => {
      const parsed = typeof url === 'string' && URL.canParse(url) ? new URL(url) : undefined;
      if (!parsed || parsed.protocol !== 'http:' || (parsed.pathname !== '/' && parsed.pathname !== '')) {
        throw new EdgeBackendsError(`EDGE_BACKENDS.${name}[${i}] (${JSON.stringify(url)}) must be an http:// URL without a path`);
      }
      return parsed.origin;
    });
    if (new Set(backends[name]).size !== backends[name]!.length) throw new EdgeBackendsError(`EDGE_BACKENDS.${name} lists an instance twice`);
  }
  return backends;
}
