import { parseReservationFilter } from '@hatago/booking';
import { TABLE_FILTER_STATUSES } from '@hatago/dining';

export const PAGE_SIZE = 25;

/** Hotel staff filter only their own hotel's stays, by any status a stay can have. */
export const parseStayFilter = (input: unknown, hotelId: number) => parseReservationFilter(input, { hotelId, pageSize: PAGE_SIZE });

/** Restaurant staff filter by the statuses tables share with stays; dining binds the filter to their restaurant. */
export const parseTableFilter = (input: unknown) => parseReservationFilter(input, { pageSize: PAGE_SIZE, statuses: TABLE_FILTER_STATUSES });
