import type { BookingMode, CancelFeeRule, CapacityMode, Cuisine } from '../restaurants/restaurant.ts';

/** What a seating can still sell: a table size with its free tables, or the seat pool (tableSeats 0). */
export interface CapacityUnit {
  tableSeats: number;
  minParty: number;
  free: number;
}

export interface SeatingDay {
  id: number;
  time: string;
  durationMinutes: number;
  units: CapacityUnit[];
}

export interface Course {
  id: number;
  name: { ja: string; en: string };
  pricePerPerson: number;
  seatOnly: boolean;
  minParty: number;
  maxParty: number;
  weekdays: number;
  servedFrom: string;
  servedUntil: string;
  advanceDays: number;
  cutoffMinutes: number;
  cancelFees: CancelFeeRule[];
}

export interface RestaurantSummary {
  id: number;
  areaId: string;
  name: { ja: string; en: string };
  cuisine: Cuisine;
  priceBand: number;
  capacityMode: CapacityMode;
  bookingMode: BookingMode;
}

/** One restaurant on one date: everything the availability rules judge, read in one go. */
export interface RestaurantDay {
  restaurant: RestaurantSummary;
  date: string;
  /** Closed on this weekday, or a holiday. */
  closed: boolean;
  seatings: SeatingDay[];
  courses: Course[];
}
