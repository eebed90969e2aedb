import { BlockList, isIP } from 'node:net';

export interface ClientAddress {
  /** Who a request comes from, given the connection's address and the X-Forwarded-For it arrived with. */
  of(socketAddress: string, forwardedFor: string | string[] | undefined): string;
  /** Whether the connection comes from a trusted proxy (whose X-Forwarded-Proto is then believed too). */
  trusts(socketAddress: string): boolean;
}

// a dual-stack listener reports IPv4 peers as ::ffff:a.b.c.d
const unmapped = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

/**
 * The client address rate limits and the access log use. Without trusted proxies it is the
 * connection's address: the edge is the front door and a client's own X-Forwarded-For is
 * no evidence. Behind load balancers, their addresses (or ranges) are trusted: the address
 * is then the rightmost X-Forwarded-For entry that a trusted hop did not add, so every
 * client does not share the balancer's one address, and a client cannot pick its own by
 * sending the header.
 */
export function compileClientAddress(trustedProxies: readonly string[]): ClientAddress {
  if (trustedProxies.length === 0) return { of: (socketAddress) => unmapped(socketAddress), trusts: () => false };
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) trusted.addAddress(address, family);
    else trusted.addSubnet(address, Number(prefix), family);
  }
  const isTrusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  const of = (socketAddress: string, forwardedFor: string | string[] | undefined) => {
    let client = unmapped(socketAddress);
    if (!isTrusted(client) || forwardedFor === undefined) return client;
    const hops = (typeof forwardedFor === 'string' ? forwardedFor : forwardedFor.join(',')).split(',');
    for (let i = hops.length - 1; i >= 0 && isTrusted(client); i--) {
      const hop = unmapped(hops[i]!.trim());
      // what a trusted hop wrote is an address; anything else is the client's own text, kept short as a key
      if (isIP(hop) === 0) return hop.slice(0, 64) || client;
      client = hop;
    }
    return client;
  };
  return { of, trusts: (socketAddress) => isTrusted(unmapped(socketAddress)) };
}
