import { defineErrorCodes } from '@hatago/platform/errors';

export const DiningErrors = defineErrorCodes(
  'INVALID_DINING_QUERY', // date, time, party or area of a search or a restaurant's day
  'INVALID_TABLE_BOOKING', // the request's shape: ids, date, time, party, guest, requests
  'TABLE_NOT_BOOKABLE', // the restaurant's rules refuse it: closed, cut-off passed, party size, course days
  'SEATING_FULL', // the seating has no seats or table left for the party
  'RESTAURANT_NOT_FOUND',
  'TABLE_RESERVATION_NOT_FOUND',
  'SEATING_STARTED', // too late to cancel online
  'INVALID_RESTAURANT', // a restaurant's definition breaks its rules (seed, later the facility console)
  'SEATING_NOT_FOUND', // not one of the signed-in restaurant's seatings
  'INVALID_SEATING', // start time, duration, overlap with another seating or opening hours
  'INVALID_CAPACITY', // a capacity or closing change: dates, seating, counts
  'CAPACITY_BELOW_BOOKED', // a capacity change would leave fewer seats or tables than are sold
  'COURSE_NOT_FOUND', // not one of the signed-in restaurant's courses
  'INVALID_COURSE', // a course's name, price, party sizes, days, windows or fee rules
  'INVALID_RESTAURANT_PHOTO', // descriptions, no file, the gallery full, or the photo in it already
  'RESTAURANT_PHOTO_NOT_FOUND', // not one of the signed-in restaurant's photos
  'NOT_A_REQUEST', // accepting or declining a reservation that is no longer waiting for an answer
);
