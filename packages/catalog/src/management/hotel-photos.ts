import { type GalleryKind, type GalleryScope } from '@hatago/images';
import type { Executor } from '@hatago/db';
import { CatalogErrors } from '../catalog-errors.ts';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';

/** Hotels' photos (hotel_photos): keys under `hotel-<id>/`, changes published as the hotel's. */
export const HOTEL_GALLERY: GalleryKind = {
  owner: 'hotel',
  ownerTable: 'hotels',
  photoTable: 'hotel_photos',
  ownerColumn: 'hotel_id',
  errors: { invalid: CatalogErrors.INVALID_HOTEL_PHOTO, notFound: CatalogErrors.HOTEL_PHOTO_NOT_FOUND },
};

/** The signed-in hotel's gallery: its changes go through commitChange, audited as `hotel.photo.*`. */
export const hotelGallery = (db: Executor, context: ManagementContext): GalleryScope => ({
  kind: HOTEL_GALLERY,
  ownerId: context.hotelId,
  commit: (work) => commitChange(db, context, 'hotel', work),
  audit: (trx, action, detail) => auditChange(trx, context, `hotel.photo.${action}`, { type: 'hotel', id: context.hotelId }, detail),
});
