import type { ObjectStorage } from '@hatago/storage';
import { parseImageKey, storageKeyOf } from './image-key.ts';

/**
 * Removes a stored image. Only its owner's rows can name it (keys start with the owner),
 * so the caller decides when none does any more. Copies the edge already holds live on
 * until purged or evicted: keys are immutable, so no page links a deleted one again.
 */
export async function deleteImage(storage: ObjectStorage, key: string): Promise<void> {
  if (!parseImageKey(key)) return;
  await storage.delete(storageKeyOf(key));
}
