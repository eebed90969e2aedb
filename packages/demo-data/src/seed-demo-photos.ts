import { type Executor, tablesOf } from '@hatago/db';
import { type CatalogTables, hotelImageOwner } from '@hatago/catalog';
import { storeImage } from '@hatago/images';
import type { ObjectStorage } from '@hatago/storage';
import { DEMO_PHOTO_SUBJECTS, demoPhotos } from './demo-photos.ts';

export interface PhotoSeedOptions {
  onProgress?: (done: number, total: number) => void;
  /** Hotels whose photos are made at once: sharp runs each on libuv's pool, so two keep two cores busy. */
  concurrency?: number;
}

/**
 * Gives every hotel without photos the demo's three (exterior, room, dining), generated
 * with sharp and stored through the images module exactly as an upload is, so the demo's
 * pages show srcset images from the first start. Each hotel's photos are inserted together
 * once stored; an interrupted run leaves whole hotels done and carries on from the others.
 */
export async function seedDemoPhotos(db: Executor, storage: ObjectStorage, options: PhotoSeedOptions = {}): Promise<number> {
  const tables = tablesOf<CatalogTables>(db);
  const hotels = await tables
    .selectFrom('hotels')
    .select(['id', 'name_ja', 'name_en'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('hotel_photos').select('hotel_photos.id').whereRef('hotel_photos.hotel_id', '=', 'hotels.id'))))
    .orderBy('id')
    .execute();
  let done = 0;
  let next = 0;
  const worker = async () => {
    for (let at = next++; at < hotels.length; at = next++) {
      const hotel = hotels[at]!;
      const photos = await demoPhotos(hotel.name_en, hotel.id);
      const rows = [];
      for (const [position, subject] of DEMO_PHOTO_SUBJECTS.entries()) {
        const image = await storeImage(storage, photos[position]!, { owner: hotelImageOwner(hotel.id) });
        rows.push({ hotel_id: hotel.id, image_key: image.key, alt_ja: subject.altJa(hotel.name_ja), alt_en: subject.altEn(hotel.name_en), position: position + 1 });
      }
      await tables.insertInto('hotel_photos').values(rows).onConflict((oc) => oc.doNothing()).execute();
      options.onProgress?.(++done, hotels.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  return done;
}
