import { type GalleryKind, type GalleryScope } from '@hatago/images';
import { DiningErrors } from '../dining-errors.ts';
import { auditRestaurantChange, commitRestaurantChange, type RestaurantManagementContext } from './restaurant-management-context.ts';

/** Restaurants' photos (restaurant_photos): keys under `restaurant-<id>/`, as hotels' under `hotel-<id>/`. */
export const RESTAURANT_GALLERY: GalleryKind = {
  owner: 'restaurant',
  ownerTable: 'restaurants',
  photoTable: 'restaurant_photos',
  ownerColumn: 'restaurant_id',
  errors: { invalid: DiningErrors.INVALID_RESTAURANT_PHOTO, notFound: DiningErrors.RESTAURANT_PHOTO_NOT_FOUND },
};

/**
 * The signed-in restaurant's gallery: changes commit as the restaurant's (the publish purges
 * its page and the searches at the edge), audited as `restaurant.photo.*`.
 */
export const restaurantGallery = (context: RestaurantManagementContext): GalleryScope => ({
  kind: RESTAURANT_GALLERY,
  ownerId: context.restaurantId,
  commit: (work) => commitRestaurantChange(context, 'restaurant', work),
  audit: (trx, action, detail) => auditRestaurantChange(trx, context, `restaurant.photo.${action}`, { type: 'restaurant', id: context.restaurantId }, detail),
});
