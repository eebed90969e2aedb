import { getHotelDirections } from '@hatago/catalog';
import type { Executor } from '@hatago/db';
import { getRestaurantProfile } from '@hatago/dining';
import { type AnyReservation, isTableReservation } from './reservation-kinds.ts';

/**
 * Where a reservation takes its guest and how to reach it, as the hotel or restaurant says
 * now: shown beside the reservation on its pages and written into its calendar file.
 */
export interface Venue {
  name: { ja: string; en: string };
  address: string;
  /** A hotel's front desk, when it gave one. A restaurant's contact address is for staff notices, not guests. */
  email: string | null;
  /** A stay's check-in from and check-out by, 'HH:MM' Tokyo time; a table has its seating time instead. */
  hours: { checkin: string; checkout: string } | null;
}

export async function venueOf(db: Executor, reservation: AnyReservation): Promise<Venue> {
  if (isTableReservation(reservation)) {
    const restaurant = await getRestaurantProfile(db, reservation.restaurantId);
    return { name: restaurant.name, address: restaurant.address, email: null, hours: null };
  }
  const hotel = await getHotelDirections(db, reservation.hotelId);
  return { name: hotel.name, address: hotel.address, email: hotel.frontDeskEmail, hours: { checkin: hotel.checkinTime, checkout: hotel.checkoutTime } };
}
