import type { Executor } from '@hatago/db';
import { galleryShown, photoIn, type PhotoView } from '@hatago/images';
import { HOTEL_GALLERY } from '../management/hotel-photos.ts';
import type { Locale } from './hotel-heading.ts';

export async function hotelPhotosShown(db: Executor, hotelId: number, locale: Locale): Promise<PhotoView[]> {
  return (await galleryShown(db, HOTEL_GALLERY, hotelId)).map((photo) => photoIn(photo, locale));
}
