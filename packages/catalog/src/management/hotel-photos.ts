import { deleteImage, storeImage } from '@hatago/images';
import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors, invalid, notFound } from '@hatago/platform/errors';
import { type FormInput, readText } from '@hatago/platform/input';
import type { ObjectStorage } from '@hatago/storage';
import type { CatalogTables } from '../catalog-tables.ts';
import { CatalogErrors } from '../catalog-errors.ts';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';

/** A gallery, not an archive: more photos slow the page and nobody scrolls through them. */
export const HOTEL_PHOTOS_MAX = 12;

export interface HotelPhoto {
  id: number;
  /** An image key (docs/images.md), owned by `hotel-<id>`. */
  imageKey: string;
  altJa: string;
  altEn: string;
  position: number;
}

type PhotoRow = CatalogTables['hotel_photos'];

const toPhoto = (row: Pick<PhotoRow, 'image_key' | 'alt_ja' | 'alt_en' | 'position'> & { id: number }): HotelPhoto => ({
  id: row.id,
  imageKey: row.image_key,
  altJa: row.alt_ja,
  altEn: row.alt_en,
  position: row.position,
});

const photoColumns = ['id', 'image_key', 'alt_ja', 'alt_en', 'position'] as const;

/** Images of a hotel are owned by it: the first segment of their keys. */
export const hotelImageOwner = (hotelId: number) => `hotel-${hotelId}`;

export async function listHotelPhotos(db: Executor, hotelId: number): Promise<HotelPhoto[]> {
  const rows = await tablesOf<CatalogTables>(db).selectFrom('hotel_photos').select(photoColumns).where('hotel_id', '=', hotelId).orderBy('position').orderBy('id').execute();
  return rows.map(toPhoto);
}

/** Alt text in both languages: what a screen reader says, and what shows while the image loads. */
function readAlt(errors: FieldErrors, form: FormInput) {
  return {
    alt_ja: readText(errors, form, 'altJa', { label: 'Japanese description of the photo', max: 200 }),
    alt_en: readText(errors, form, 'altEn', { label: 'English description of the photo', max: 200 }),
  };
}

/**
 * Checks and stores the upload (packages/images: type by content, limits, metadata
 * stripped), then adds it last in the gallery. The hotel row is locked while counting, so
 * two uploads at once cannot pass the limit together. Image refusals keep their own codes
 * (field `image`); alt text and the limit are INVALID_HOTEL_PHOTO.
 */
export async function addHotelPhoto(db: Executor, context: ManagementContext, storage: ObjectStorage, upload: Buffer | undefined, form: FormInput): Promise<HotelPhoto> {
  const errors = new FieldErrors();
  const alt = readAlt(errors, form);
  if (!upload || upload.length === 0) errors.add('image', 'Choose a photo to upload');
  errors.throwIfAny(CatalogErrors.INVALID_HOTEL_PHOTO);
  const image = await storeImage(storage, upload!, { owner: hotelImageOwner(context.hotelId) });
  return commitChange(db, context, 'hotel', async (trx) => {
    const tables = tablesOf<CatalogTables>(trx);
    await tables.selectFrom('hotels').select('id').where('id', '=', context.hotelId).forUpdate().executeTakeFirstOrThrow();
    const { count, last } = await tables
      .selectFrom('hotel_photos')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('position').as('last')])
      .where('hotel_id', '=', context.hotelId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= HOTEL_PHOTOS_MAX) {
      throw invalid(CatalogErrors.INVALID_HOTEL_PHOTO, [{ field: 'image', message: `A hotel shows at most ${HOTEL_PHOTOS_MAX} photos: delete one first` }]);
    }
    const row = await tables
      .insertInto('hotel_photos')
      .values({ hotel_id: context.hotelId, image_key: image.key, ...alt, position: Number(last ?? 0) + 1 })
      .onConflict((oc) => oc.columns(['hotel_id', 'image_key']).doNothing())
      .returning(photoColumns)
      .executeTakeFirst();
    if (!row) throw invalid(CatalogErrors.INVALID_HOTEL_PHOTO, [{ field: 'image', message: 'This photo is already in the gallery' }]);
    await auditChange(trx, context, 'hotel.photo.add', { type: 'hotel', id: context.hotelId }, { photoId: row.id, imageKey: image.key, ...alt });
    return toPhoto(row);
  });
}

export async function updateHotelPhotoAlt(db: Executor, context: ManagementContext, rawId: string, form: FormInput): Promise<HotelPhoto> {
  const photoId = photoIdOf(rawId);
  const errors = new FieldErrors();
  const alt = readAlt(errors, form);
  errors.throwIfAny(CatalogErrors.INVALID_HOTEL_PHOTO);
  return commitChange(db, context, 'hotel', async (trx) => {
    const row = await tablesOf<CatalogTables>(trx)
      .updateTable('hotel_photos')
      .set(alt)
      .where('id', '=', photoId)
      .where('hotel_id', '=', context.hotelId)
      .returning(photoColumns)
      .executeTakeFirst();
    if (!row) throw photoNotFound(photoId);
    await auditChange(trx, context, 'hotel.photo.update', { type: 'hotel', id: context.hotelId }, { photoId, ...alt });
    return toPhoto(row);
  });
}

/** Swaps the photo with its neighbour before (`earlier`) or after it; at either end nothing moves. */
export async function moveHotelPhoto(db: Executor, context: ManagementContext, rawId: string, direction: 'earlier' | 'later'): Promise<void> {
  const photoId = photoIdOf(rawId);
  await commitChange(db, context, 'hotel', async (trx) => {
    const tables = tablesOf<CatalogTables>(trx);
    await tables.selectFrom('hotels').select('id').where('id', '=', context.hotelId).forUpdate().executeTakeFirstOrThrow();
    const photos = await listHotelPhotos(trx, context.hotelId);
    const at = photos.findIndex((photo) => photo.id === photoId);
    if (at < 0) throw photoNotFound(photoId);
    const other = photos[direction === 'earlier' ? at - 1 : at + 1];
    if (!other) return;
    const photo = photos[at]!;
    await tables.updateTable('hotel_photos').set({ position: other.position }).where('id', '=', photo.id).execute();
    await tables.updateTable('hotel_photos').set({ position: photo.position }).where('id', '=', other.id).execute();
    await auditChange(trx, context, 'hotel.photo.move', { type: 'hotel', id: context.hotelId }, { photoId, direction });
  });
}

/** Removes the photo, then its image: no other hotel can name it, and this hotel held it once. */
export async function deleteHotelPhoto(db: Executor, context: ManagementContext, storage: ObjectStorage, rawId: string): Promise<void> {
  const photoId = photoIdOf(rawId);
  const removed = await commitChange(db, context, 'hotel', async (trx) => {
    const row = await tablesOf<CatalogTables>(trx)
      .deleteFrom('hotel_photos')
      .where('id', '=', photoId)
      .where('hotel_id', '=', context.hotelId)
      .returning(photoColumns)
      .executeTakeFirst();
    if (!row) throw photoNotFound(photoId);
    await auditChange(trx, context, 'hotel.photo.delete', { type: 'hotel', id: context.hotelId }, { photoId, imageKey: row.image_key });
    return row;
  });
  await deleteImage(storage, removed.image_key);
}

// another hotel's photo is as unknown as a missing one: its existence is not this console's to tell
const photoNotFound = (photoId: number | string) => notFound(CatalogErrors.HOTEL_PHOTO_NOT_FOUND, `Photo ${photoId} is not one of this hotel's`);

/** A photo id from a URL: anything but a plain number names no photo. */
function photoIdOf(raw: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw photoNotFound(raw.slice(0, 20));
  return Number(raw);
}
