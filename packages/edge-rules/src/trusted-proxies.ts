import { isIP } from 'node:net';

/** Why an entry of trustedProxies is not an address or CIDR range, or undefined when it is one. */
export function trustedProxyProblem(entry: string): string | undefined {
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return `${JSON.stringify(entry)} is not an IP address or CIDR range`;
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(prefix) && bits <= max ? undefined : `${JSON.stringify(entry)} has a prefix outside 0–${max}`;
}
