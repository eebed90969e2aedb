/** Which backend serves a path. The full rules-as-code edge replaces this table later. */
export type BackendName = 'guest' | 'facility' | 'operator';

export const ROUTES: ReadonlyArray<{ prefix: string; backend: BackendName }> = [
  { prefix: '/facility', backend: 'facility' },
  { prefix: '/operator', backend: 'operator' },
  { prefix: '/', backend: 'guest' },
];

export function backendFor(path: string): BackendName {
  for (const route of ROUTES) {
    if (route.prefix === '/' || path === route.prefix || path.startsWith(`${route.prefix}/`)) return route.backend;
  }
  return 'guest';
}
