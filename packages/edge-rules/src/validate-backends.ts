import { isObject, NAME, type Obj, type Path, type RuleChecker } from './rule-checker.ts';

/** `backends`: each with its probe, timeouts and balancing. Returns the declared names. */
export function checkBackends(c: RuleChecker, rules: Obj): string[] {
  const backendNames = isObject(rules.backends) ? Object.keys(rules.backends) : [];
  if (!c.object(rules.backends, ['backends'], [], backendNames)) return backendNames;
  if (backendNames.length === 0) c.fail(['backends'], 'must declare at least one backend');
  for (const name of backendNames) {
    const path = ['backends', name];
    if (!NAME.test(name)) c.fail(path, `${JSON.stringify(name)} is not a lower-case name (a-z, 0-9, -)`);
    const backend = rules.backends[name];
    if (!c.object(backend, path, ['probe', 'connectTimeoutMs', 'firstByteTimeoutMs', 'idleTimeoutMs', 'balance'])) continue;
    checkProbe(c, backend.probe, [...path, 'probe']);
    for (const key of ['connectTimeoutMs', 'firstByteTimeoutMs', 'idleTimeoutMs']) c.integer(backend[key], [...path, key], 1);
    if (backend.balance !== 'round-robin' && backend.balance !== 'least-connections') {
      c.fail([...path, 'balance'], `${JSON.stringify(backend.balance)} is not 'round-robin' or 'least-connections'`);
    }
  }
  return backendNames;
}

function checkProbe(c: RuleChecker, probe: unknown, path: Path): void {
  if (!c.object(probe, path, ['path', 'intervalMs', 'timeoutMs', 'window', 'threshold'])) return;
  c.string(probe.path, [...path, 'path'], /^\/\S*$/, 'a path starting with /');
  c.integer(probe.intervalMs, [...path, 'intervalMs'], 100);
  c.integer(probe.timeoutMs, [...path, 'timeoutMs'], 10);
  c.integer(probe.window, [...path, 'window'], 1, 64);
  c.integer(probe.threshold, [...path, 'threshold'], 1, 64);
  if (typeof probe.window === 'number' && typeof probe.threshold === 'number' && probe.threshold > probe.window) {
    c.fail([...path, 'threshold'], `${probe.threshold} is more than the window of ${probe.window} probes, so the backend could never be healthy`);
  }
  if (typeof probe.timeoutMs === 'number' && typeof probe.intervalMs === 'number' && probe.timeoutMs > probe.intervalMs) {
    c.fail([...path, 'timeoutMs'], 'must not exceed intervalMs (probes would overlap)');
  }
}

export function knownBackend(c: RuleChecker, backendNames: string[], v: unknown, path: Path): void {
  if (c.string(v, path) && !backendNames.includes(v)) c.fail(path, `${JSON.stringify(v)} is not a declared backend (${backendNames.join(', ')})`);
}
