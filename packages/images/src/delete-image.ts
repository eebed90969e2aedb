import type { ObjectStorage } from '@hatago/storage';
import { parseImageKey, storageKeyOf } from './image-key.ts';

/**
 * Removes a stored image; removing one already gone, or a string that is no key, does
 * nothing. Keys begin with their owner, so only the owner's own records can name one: the
 * owner calls this once none does. Renditions the edge holds live on until evicted, linked
 * from nowhere (a key is never reused for other content).
 */
export async function deleteImage(storage: ObjectStorage, key: string): Promise<void> {
  if (!parseImageKey(key)) return;
  await storage.delete(storageKeyOf(key));
}
