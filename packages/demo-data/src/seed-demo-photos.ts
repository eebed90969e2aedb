import { type Executor, tablesOf } from '@hatago/db';
import { HOTEL_GALLERY } from '@hatago/catalog';
import { RESTAURANT_GALLERY } from '@hatago/dining';
import { type GalleryKind, galleryImageOwner, storeImage } from '@hatago/images';
import type { ObjectStorage } from '@hatago/storage';
import { type DemoPhotoSubject, demoPhotos, HOTEL_PHOTO_SUBJECTS, RESTAURANT_PHOTO_SUBJECTS } from './demo-photos.ts';

export interface PhotoSeedOptions {
  /** Counts hotels and restaurants together, hotels first. */
  onProgress?: (done: number, total: number) => void;
  /** Owners whose photos are made at once: sharp runs each on libuv's pool, so two keep two cores busy. */
  concurrency?: number;
}

const DEMO_GALLERIES: ReadonlyArray<{ kind: GalleryKind; subjects: readonly DemoPhotoSubject[] }> = [
  { kind: HOTEL_GALLERY, subjects: HOTEL_PHOTO_SUBJECTS },
  { kind: RESTAURANT_GALLERY, subjects: RESTAURANT_PHOTO_SUBJECTS },
];

// table names come from the gallery kinds above, never from input
const tables = (db: Executor) => tablesOf<Record<string, any>>(db);

/**
 * Gives every hotel without photos the demo's three (exterior, room, dining) and every
 * restaurant without photos two (dining room, course), generated with sharp and stored
 * through the images module exactly as an upload is, so the demo's pages show srcset images
 * from the first start. Each owner's photos are inserted together once stored; an
 * interrupted run leaves whole owners done and carries on from the others.
 */
export async function seedDemoPhotos(db: Executor, storage: ObjectStorage, options: PhotoSeedOptions = {}): Promise<number> {
  const work: Array<{ owner: { id: number; name_ja: string; name_en: string }; kind: GalleryKind; subjects: readonly DemoPhotoSubject[] }> = [];
  for (const { kind, subjects } of DEMO_GALLERIES) {
    const owners: Array<{ id: number; name_ja: string; name_en: string }> = await tables(db)
      .selectFrom(kind.ownerTable)
      .select(['id', 'name_ja', 'name_en'])
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom(kind.photoTable).select(`${kind.photoTable}.id`).whereRef(`${kind.photoTable}.${kind.ownerColumn}`, '=', `${kind.ownerTable}.id`))),
      )
      .orderBy('id')
      .execute();
    work.push(...owners.map((owner) => ({ owner, kind, subjects })));
  }
  let done = 0;
  let next = 0;
  const worker = async () => {
    for (let at = next++; at < work.length; at = next++) {
      const { owner, kind, subjects } = work[at]!;
      const photos = await demoPhotos(owner.name_en, owner.id, subjects);
      const rows = [];
      for (const [position, subject] of subjects.entries()) {
        const image = await storeImage(storage, photos[position]!, { owner: galleryImageOwner(kind, owner.id) });
        rows.push({ [kind.ownerColumn]: owner.id, image_key: image.key, alt_ja: subject.altJa(owner.name_ja), alt_en: subject.altEn(owner.name_en), position: position + 1 });
      }
      await tables(db).insertInto(kind.photoTable).values(rows).onConflict((oc) => oc.doNothing()).execute();
      options.onProgress?.(++done, work.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  return done;
}
