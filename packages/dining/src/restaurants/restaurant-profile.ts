import { type BilingualPhoto, galleryShown } from '@hatago/images';
import { RESTAURANT_GALLERY } from '../management/restaurant-photos.ts';
import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { DiningErrors } from '../dining-errors.ts';
import type { DiningTables } from '../dining-tables.ts';
import type { BookingMode, CancelFeeRule, Cuisine } from './restaurant.ts';

type Named = { ja: string; en: string };

export interface CourseProfile {
  id: number;
  name: Named;
  description: Named;
  pricePerPerson: number;
  seatOnly: boolean;
  minParty: number;
  maxParty: number;
  cancelFees: CancelFeeRule[];
}

/** What a guest reads about a restaurant whatever the date: its description, hours and courses. */
export interface RestaurantProfile {
  id: number;
  areaId: string;
  name: Named;
  description: Named;
  cuisine: Cuisine;
  priceBand: number;
  address: string;
  opensAt: string;
  closesAt: string;
  bookingMode: BookingMode;
  courses: CourseProfile[];
  /** In the order its staff gave them; the first is its cover in search results. */
  photos: BilingualPhoto[];
}

export async function getRestaurantProfile(db: Executor, restaurantId: number): Promise<RestaurantProfile> {
  const t = tablesOf<DiningTables>(db);
  const r = Number.isInteger(restaurantId) ? await t.selectFrom('restaurants').selectAll().where('id', '=', restaurantId).executeTakeFirst() : undefined;
  if (!r) throw notFound(DiningErrors.RESTAURANT_NOT_FOUND, 'No such restaurant');
  const courses = await t
    .selectFrom('restaurant_courses')
    .selectAll()
    .where('restaurant_id', '=', r.id)
    .where('active', '=', true)
    .orderBy('sort_order')
    .execute();
  return {
    id: r.id,
    areaId: r.area_id,
    name: { ja: r.name_ja, en: r.name_en },
    description: { ja: r.description_ja, en: r.description_en },
    cuisine: r.cuisine,
    priceBand: r.price_band,
    address: r.address,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    bookingMode: r.booking_mode,
    courses: courses.map((c) => ({
      id: c.id,
      name: { ja: c.name_ja, en: c.name_en },
      description: { ja: c.description_ja, en: c.description_en },
      pricePerPerson: c.price_per_person,
      seatOnly: c.seat_only,
      minParty: c.min_party,
      maxParty: c.max_party,
      cancelFees: c.cancel_fees,
    })),
    photos: await galleryShown(db, RESTAURANT_GALLERY, r.id),
  };
}
