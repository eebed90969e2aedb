import type { UrlSignature } from './url-signature.ts';

/**
 * The app link that downloads an object: `urlPrefix` + key, with the expiry and its
 * signature. Every adapter hands out the same kind of link, served by the same route
 * (see openSignedObject), so links behave alike whatever holds the bytes.
 */
export function signedObjectUrl(signature: UrlSignature, urlPrefix: string, key: string, expiresInSeconds: number): string {
  const { expires, signature: mac } = signature.sign(key, expiresInSeconds);
  const query = new URLSearchParams({ expires: String(expires), signature: mac });
  return `${urlPrefix}${key.split('/').map(encodeURIComponent).join('/')}?${query}`;
}
