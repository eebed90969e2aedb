import type { Logger } from '@hatago/platform/logging';
import type { ClientAddress } from '../routing/client-address.ts';

export interface UntrustedForwardingOptions {
  /** More requests than this with X-Forwarded-For from untrusted peers within one window: warn. */
  threshold?: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * `trustedProxies` is empty by default, so behind a load balancer every client is the
 * balancer's address: one rate-limit bucket for everyone, one address in the access log. The
 * sign is X-Forwarded-For arriving from peers the edge does not trust. A few such requests are
 * clients sending the header themselves; many in a row mean a proxy in front. The edge then
 * warns, once per window (not per request), naming a peer to list.
 */
export class UntrustedForwardingWatch {
  readonly #logger: Logger;
  readonly #threshold: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  #windowStart = Number.NEGATIVE_INFINITY;
  #count = 0;
  #warned = false;

  constructor(logger: Logger, options: UntrustedForwardingOptions = {}) {
    this.#logger = logger;
    this.#threshold = options.threshold ?? 100;
    this.#windowMs = options.windowMs ?? 10 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** A request that arrived with X-Forwarded-For from `peer`. */
  seen(peer: string | undefined, clientAddress: ClientAddress): void {
    if (peer === undefined || clientAddress.trusts(peer)) return;
    const now = this.#now();
    if (now - this.#windowStart >= this.#windowMs) {
      this.#windowStart = now;
      this.#count = 0;
      this.#warned = false;
    }
    if (++this.#count <= this.#threshold || this.#warned) return;
    this.#warned = true;
    this.#logger.warn(
      { peer, requests: this.#count, windowSeconds: this.#windowMs / 1000 },
      'requests arrive with X-Forwarded-For from a peer the edge does not trust: behind a load balancer every client looks like the balancer (one rate-limit bucket for all); list it in trustedProxies of the edge rules',
    );
  }
}
