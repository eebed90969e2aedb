import type { Logger } from '@hatago/platform/logging';

/**
 * The Node edge speaks plain HTTP, so an https site has a TLS-terminating balancer in front.
 * The edge passes that balancer's X-Forwarded-Proto on only when the balancer is a trusted
 * proxy; otherwise the apps see http and set their session cookies without Secure. Trusted
 * proxies are empty by default, so say so at start rather than let cookies go out weaker.
 */
export function warnOfUntrustedTls(logger: Logger, publicBaseUrl: string | undefined, trustedProxies: readonly string[] = []): void {
  if (!publicBaseUrl?.startsWith('https:') || trustedProxies.length > 0) return;
  logger.warn(
    { publicBaseUrl },
    'PUBLIC_BASE_URL is https but the edge trusts no proxy: X-Forwarded-Proto from the TLS-terminating balancer is ignored and cookies are not Secure; list the balancer in trustedProxies of the edge rules',
  );
}
