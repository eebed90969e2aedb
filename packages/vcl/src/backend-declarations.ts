import type { BackendRule, EdgeRules } from '@hatago/edge-rules';
import type { BackendInstances, VclOptions } from './vcl-options.ts';
import type { Attempt, Refuse } from './refusals.ts';
import { duration, identifier, VclLiteralError, vclConstant, VclWriter } from './vcl-text.ts';

/**
 * Probes, backends and one director per backend (declared in vcl_init), and the ACL of
 * clients allowed on the purge API. Returns the director of each backend.
 */
export function writeBackendDeclarations(
  w: VclWriter,
  rules: EdgeRules,
  instances: BackendInstances,
  options: VclOptions,
  compile: { attempt: Attempt; refuse: Refuse; notes: string[] },
): Map<string, string> {
  const { attempt, refuse, notes } = compile;
  const names = new Set<string>();
  const directors = new Map<string, string>();
  const backendDefs = new VclWriter();
  const init: string[] = [];
  for (const [name, backend] of Object.entries(rules.backends)) {
    const list = instances[name] ?? [];
    const director = identifier('pool', name, names);
    directors.set(name, director);
    const probe = identifier('probe', name, names);
    attempt(`backends.${name}.probe`, () => writeProbe(backendDefs, probe, backend));
    const members: string[] = [];
    list.forEach((raw, i) => {
      attempt(`--instances.${name}[${i}]`, () => {
        const target = instanceAddress(raw);
        const id = identifier(`be_${name}`, String(i), names);
        members.push(id);
        backendDefs.block(`backend ${id}`, () => {
          backendDefs.line(`.host = ${vclConstant(target.host, 'host')};`);
          backendDefs.line(`.port = "${target.port}";`);
          backendDefs.line(`.probe = ${probe};`);
          backendDefs.line(`.connect_timeout = ${duration(backend.connectTimeoutMs)};`);
          backendDefs.line(`.first_byte_timeout = ${duration(backend.firstByteTimeoutMs)};`);
          backendDefs.line(`.between_bytes_timeout = ${duration(backend.idleTimeoutMs)};`);
        });
      });
    });
    const kind = directorKind(name, backend, options, refuse, notes);
    init.push(`new ${director} = directors.${kind}();`);
    for (const member of members) init.push(kind === 'random' ? `${director}.add_backend(${member}, 1);` : `${director}.add_backend(${member});`);
  }
  w.line(backendDefs.toString().trimEnd());
  w.line();
  writePurgeAcl(w, options.purgeAcl ?? ['127.0.0.1', '::1'], attempt);
  w.block('sub vcl_init', () => {
    init.forEach((line) => w.line(line));
  });
  w.line();
  return directors;
}

function directorKind(name: string, backend: BackendRule, options: VclOptions, refuse: Refuse, notes: string[]): 'round_robin' | 'random' {
  if (backend.balance !== 'least-connections') return 'round_robin';
  if (!options.leastConnectionsAs) {
    refuse(`backends.${name}.balance`, "Varnish has no least-connections director; use 'round-robin', or compile with --least-connections-as round-robin|random to accept the substitute");
    return 'round_robin';
  }
  notes.push(`backends.${name}: least-connections balanced by ${options.leastConnectionsAs} in Varnish (as asked with --least-connections-as)`);
  return options.leastConnectionsAs === 'random' ? 'random' : 'round_robin';
}

function writePurgeAcl(w: VclWriter, acl: readonly string[], attempt: Attempt): void {
  w.block('acl hatago_purgers', () => {
    for (const entry of acl) {
      attempt(`--purge-acl ${entry}`, () => {
        const [address, bits] = entry.split('/');
        if (!address || !/^[0-9A-Fa-f:.]+$/.test(address) || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
          throw new VclLiteralError('is not an address or CIDR network');
        }
        w.line(`${vclConstant(address, 'address')}${bits === undefined ? '' : `/${bits}`};`);
      });
    }
  });
  w.line();
}

function instanceAddress(raw: string): { host: string; port: number } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VclLiteralError(`${JSON.stringify(raw)} is not a URL`);
  }
  if (url.protocol !== 'http:') throw new VclLiteralError(`${raw}: Varnish reaches backends over plain HTTP only (no TLS to origins)`);
  if (url.pathname !== '/' || url.search) throw new VclLiteralError(`${raw}: a backend is a host and port, without a path or query`);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) };
}

function writeProbe(w: VclWriter, name: string, backend: BackendRule) {
  const { probe } = backend;
  w.block(`probe ${name}`, () => {
    w.line(`.url = ${vclConstant(probe.path, 'probe path')};`);
    w.line(`.interval = ${duration(probe.intervalMs)};`);
    w.line(`.timeout = ${duration(probe.timeoutMs)};`);
    w.line(`.window = ${probe.window};`);
    w.line(`.threshold = ${probe.threshold};`);
    // instances start healthy, as in the Node edge, instead of waiting for `threshold` probes
    w.line(`.initial = ${probe.threshold};`);
  });
}
