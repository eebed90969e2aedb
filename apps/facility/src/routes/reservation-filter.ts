import { parseReservationFilter as parseFilter } from '@hatago/booking';

export const PAGE_SIZE = 25;

/** Facility staff only ever filter their own hotel's reservations (restaurant staff bind the filter to theirs in dining). */
export const parseReservationFilter = (input: unknown, hotelId: number | undefined) => parseFilter(input, { ...(hotelId === undefined ? {} : { hotelId }), pageSize: PAGE_SIZE });
