import { parseReservationFilter as parseFilter } from '@hatago/booking';

export const PAGE_SIZE = 25;

/** Facility staff only ever filter their own hotel's reservations. */
export const parseReservationFilter = (input: unknown, hotelId: number) => parseFilter(input, { hotelId, pageSize: PAGE_SIZE });
