import { isValidKey, type ObjectStorage, type StoredObject } from '../object-storage.ts';
import type { UrlSignature } from './url-signature.ts';

export type SignedObjectResult = { status: 'ok'; object: StoredObject } | { status: 'expired' | 'invalid' | 'missing' };

/**
 * What the route behind a signed link does: the signature alone authorises the download,
 * so the route needs no session, and a link that was changed or has expired opens nothing.
 */
export async function openSignedObject(
  storage: ObjectStorage,
  signature: UrlSignature,
  link: { key: string; expires: unknown; signature: unknown },
): Promise<SignedObjectResult> {
  if (!isValidKey(link.key)) return { status: 'invalid' };
  const check = signature.verify(link.key, link.expires, link.signature);
  if (check !== 'valid') return { status: check };
  const object = await storage.get(link.key);
  return object ? { status: 'ok', object } : { status: 'missing' };
}
