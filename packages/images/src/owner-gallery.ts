import { type Executor, tablesOf } from '@hatago/db';
import { type ErrorCode, FieldErrors, invalid, notFound } from '@hatago/platform/errors';
import { type FormInput, readText } from '@hatago/platform/input';
import type { ObjectStorage } from '@hatago/storage';
import { deleteImage } from './delete-image.ts';
import type { BilingualPhoto } from './photo-view.ts';
import { storeImage } from './store-image.ts';

/** A gallery, not an archive: more photos slow the page and nobody scrolls through them. */
export const GALLERY_PHOTOS_MAX = 12;

/** One photo of an owner's gallery (a hotel's, a restaurant's), as its staff manage it. */
export interface GalleryPhoto {
  id: number;
  /** An image key (docs/images.md), owned by the gallery's owner. */
  imageKey: string;
  altJa: string;
  altEn: string;
  position: number;
}

/**
 * Which table holds a kind of owner's photos. Every such table has the same columns
 * (id, <owner column>, image_key, alt_ja, alt_en, position), and a check that ties each key
 * to its owner's image prefix, so the code below serves hotels and restaurants alike.
 */
export interface GalleryKind {
  /** `hotel`, `restaurant`: the image owner prefix (`hotel-<id>`), the audit actions' prefix, the messages' word. */
  owner: string;
  ownerTable: string;
  photoTable: string;
  ownerColumn: string;
  errors: { invalid: ErrorCode; notFound: ErrorCode };
}

/**
 * One owner's gallery as its staff change it: changes run through `commit` (a transaction,
 * then the publish that drops cached pages) and are audited inside it by `audit`.
 */
export interface GalleryScope {
  kind: GalleryKind;
  ownerId: number;
  commit<T>(work: (trx: Executor) => Promise<T>): Promise<T>;
  audit(trx: Executor, action: 'add' | 'update' | 'move' | 'delete', detail: Record<string, unknown>): Promise<void>;
}

type PhotoRow = { id: number; image_key: string; alt_ja: string; alt_en: string; position: number };

const toPhoto = (row: PhotoRow): GalleryPhoto => ({ id: row.id, imageKey: row.image_key, altJa: row.alt_ja, altEn: row.alt_en, position: row.position });

const photoColumns = ['id', 'image_key', 'alt_ja', 'alt_en', 'position'] as const;

// the table names come from GalleryKind constants, never from input
const tables = (db: Executor) => tablesOf<Record<string, any>>(db);

/** Images of an owner are owned by it: the first segment of their keys. */
export const galleryImageOwner = (kind: Pick<GalleryKind, 'owner'>, ownerId: number) => `${kind.owner}-${ownerId}`;

export async function listGalleryPhotos(db: Executor, kind: GalleryKind, ownerId: number): Promise<GalleryPhoto[]> {
  const rows: PhotoRow[] = await tables(db).selectFrom(kind.photoTable).select(photoColumns).where(kind.ownerColumn, '=', ownerId).orderBy('position').orderBy('id').execute();
  return rows.map(toPhoto);
}

const bilingual = (row: Pick<PhotoRow, 'image_key' | 'alt_ja' | 'alt_en'>): BilingualPhoto => ({ key: row.image_key, alt: { ja: row.alt_ja, en: row.alt_en } });

/** The gallery as guests see it, in its staff's order. */
export async function galleryShown(db: Executor, kind: GalleryKind, ownerId: number): Promise<BilingualPhoto[]> {
  return (await listGalleryPhotos(db, kind, ownerId)).map((photo) => bilingual({ image_key: photo.imageKey, alt_ja: photo.altJa, alt_en: photo.altEn }));
}

/** Each owner's first photo, its cover in search results; owners without photos are absent. */
export async function galleryCovers(db: Executor, kind: GalleryKind, ownerIds: number[]): Promise<Map<number, BilingualPhoto>> {
  if (ownerIds.length === 0) return new Map();
  const rows: Array<PhotoRow & { owner_id: number }> = await tables(db)
    .selectFrom(kind.photoTable)
    .distinctOn(kind.ownerColumn)
    .select([...photoColumns, `${kind.ownerColumn} as owner_id`])
    .where(kind.ownerColumn, 'in', ownerIds)
    .orderBy(kind.ownerColumn)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return new Map(rows.map((row) => [row.owner_id, bilingual(row)]));
}

/** Alt text in both languages: what a screen reader says, and what shows while the image loads. */
function readAlt(errors: FieldErrors, form: FormInput) {
  return {
    alt_ja: readText(errors, form, 'altJa', { label: 'Japanese description of the photo', max: 200 }),
    alt_en: readText(errors, form, 'altEn', { label: 'English description of the photo', max: 200 }),
  };
}

const lockOwner = (trx: Executor, scope: GalleryScope) =>
  tables(trx).selectFrom(scope.kind.ownerTable).select('id').where('id', '=', scope.ownerId).forUpdate().executeTakeFirstOrThrow();

/**
 * Checks and stores the upload (type by content, limits, metadata stripped), then adds it
 * last in the gallery. The owner's row is locked while counting, so two uploads at once
 * cannot pass the limit together. Image refusals keep their own codes (field `image`); alt
 * text and the limit are the kind's invalid code.
 */
export async function addGalleryPhoto(scope: GalleryScope, storage: ObjectStorage, upload: Buffer | undefined, form: FormInput): Promise<GalleryPhoto> {
  const { kind, ownerId } = scope;
  const errors = new FieldErrors();
  const alt = readAlt(errors, form);
  if (!upload || upload.length === 0) errors.add('image', 'Choose a photo to upload');
  errors.throwIfAny(kind.errors.invalid);
  const image = await storeImage(storage, upload!, { owner: galleryImageOwner(kind, ownerId) });
  return scope.commit(async (trx) => {
    await lockOwner(trx, scope);
    const { count, last } = await tables(trx)
      .selectFrom(kind.photoTable)
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('position').as('last')])
      .where(kind.ownerColumn, '=', ownerId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= GALLERY_PHOTOS_MAX) {
      throw invalid(kind.errors.invalid, [{ field: 'image', message: `A ${kind.owner} shows at most ${GALLERY_PHOTOS_MAX} photos: delete one first` }]);
    }
    const row: PhotoRow | undefined = await tables(trx)
      .insertInto(kind.photoTable)
      .values({ [kind.ownerColumn]: ownerId, image_key: image.key, ...alt, position: Number(last ?? 0) + 1 })
      .onConflict((oc) => oc.columns([kind.ownerColumn, 'image_key']).doNothing())
      .returning(photoColumns)
      .executeTakeFirst();
    if (!row) throw invalid(kind.errors.invalid, [{ field: 'image', message: 'This photo is already in the gallery' }]);
    await scope.audit(trx, 'add', { photoId: row.id, imageKey: image.key, ...alt });
    return toPhoto(row);
  });
}

export async function updateGalleryPhotoAlt(scope: GalleryScope, rawId: string, form: FormInput): Promise<GalleryPhoto> {
  const { kind, ownerId } = scope;
  const photoId = photoIdOf(kind, rawId);
  const errors = new FieldErrors();
  const alt = readAlt(errors, form);
  errors.throwIfAny(kind.errors.invalid);
  return scope.commit(async (trx) => {
    const row: PhotoRow | undefined = await tables(trx)
      .updateTable(kind.photoTable)
      .set(alt)
      .where('id', '=', photoId)
      .where(kind.ownerColumn, '=', ownerId)
      .returning(photoColumns)
      .executeTakeFirst();
    if (!row) throw photoNotFound(kind, photoId);
    await scope.audit(trx, 'update', { photoId, ...alt });
    return toPhoto(row);
  });
}

/** Swaps the photo with its neighbour before (`earlier`) or after it; at either end nothing moves. */
export async function moveGalleryPhoto(scope: GalleryScope, rawId: string, direction: 'earlier' | 'later'): Promise<void> {
  const { kind, ownerId } = scope;
  const photoId = photoIdOf(kind, rawId);
  await scope.commit(async (trx) => {
    await lockOwner(trx, scope);
    const photos = await listGalleryPhotos(trx, kind, ownerId);
    const at = photos.findIndex((photo) => photo.id === photoId);
    if (at < 0) throw photoNotFound(kind, photoId);
    const other = photos[direction === 'earlier' ? at - 1 : at + 1];
    if (!other) return;
    const photo = photos[at]!;
    await tables(trx).updateTable(kind.photoTable).set({ position: other.position }).where('id', '=', photo.id).execute();
    await tables(trx).updateTable(kind.photoTable).set({ position: photo.position }).where('id', '=', other.id).execute();
    await scope.audit(trx, 'move', { photoId, direction });
  });
}

/** Removes the photo, then its image: no other owner can name it, and this one held it once. */
export async function deleteGalleryPhoto(scope: GalleryScope, storage: ObjectStorage, rawId: string): Promise<void> {
  const { kind, ownerId } = scope;
  const photoId = photoIdOf(kind, rawId);
  const removed: PhotoRow = await scope.commit(async (trx) => {
    const row: PhotoRow | undefined = await tables(trx)
      .deleteFrom(kind.photoTable)
      .where('id', '=', photoId)
      .where(kind.ownerColumn, '=', ownerId)
      .returning(photoColumns)
      .executeTakeFirst();
    if (!row) throw photoNotFound(kind, photoId);
    await scope.audit(trx, 'delete', { photoId, imageKey: row.image_key });
    return row;
  });
  await deleteImage(storage, removed.image_key);
}

// another owner's photo is as unknown as a missing one: its existence is not this console's to tell
const photoNotFound = (kind: GalleryKind, photoId: number | string) => notFound(kind.errors.notFound, `Photo ${photoId} is not one of this ${kind.owner}'s`);

/** A photo id from a URL: anything but a plain number names no photo. */
function photoIdOf(kind: GalleryKind, raw: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw photoNotFound(kind, raw.slice(0, 20));
  return Number(raw);
}
