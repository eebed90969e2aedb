import { defineErrorCodes } from '@hatago/platform/errors';

export const CatalogErrors = defineErrorCodes(
  'HOTEL_NOT_FOUND',
  'ROOM_TYPE_NOT_FOUND',
  'PLAN_NOT_FOUND',
  'INVALID_HOTEL_PROFILE',
  'INVALID_ROOM_TYPE',
  'INVALID_PLAN',
  'INVENTORY_BELOW_RESERVED', // fewer rooms than are already booked on a night
  'NO_INVENTORY_IN_RANGE', // a change to nights that have no rooms set yet
  'INVALID_STAY',
  'INVALID_SEARCH_FILTER', // a price, star, meal or amenity filter that is not one
  'PLAN_NOT_ON_SALE', // not sold, or not priced, on every night of the stay
  'ROOMS_TOO_SMALL', // the guests do not fit the rooms asked for
  'SOLD_OUT', // a night of the stay has no room left
  'INVALID_RATE_GRID', // a rate grid or bulk change with a bad value: nothing saved
  'MIN_STAY', // fewer nights than the room type's minimum stay on the arrival date
  'CLOSED_TO_ARRIVAL', // the room type takes no arrival on the check-in date
  'CLOSED_TO_DEPARTURE', // the room type takes no departure on the check-out date
  'INVALID_HOTEL_PHOTO',
  'HOTEL_PHOTO_NOT_FOUND',
);
