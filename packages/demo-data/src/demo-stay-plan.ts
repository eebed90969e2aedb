/** What became of a demo stay by the seed's today. */
export type StayOutcome = 'checked_out' | 'no_show' | 'in_house' | 'confirmed' | 'cancelled';

export interface PlannedStay {
  /** Check-in, in days from the seed's today. */
  from: number;
  nights: number;
  outcome: StayOutcome;
  /** For a cancellation: the day it was cancelled, from today (on the arrival day, a fee is due). */
  cancelledOn?: number;
  /** Left out at some hotels, so not every front desk looks alike. */
  sometimes?: true;
}

/**
 * One hotel's last two weeks and next few: guests gone, a no-show, a cancellation on the
 * day (with its fee) and one well ahead (free), three in house (one leaving today), two
 * arrivals today and stays to come. At most four overlap on a night, so a room type of four
 * rooms or more always has room.
 */
export const STAY_PLAN: readonly PlannedStay[] = [
  { from: -12, nights: 2, outcome: 'checked_out' },
  { from: -9, nights: 3, outcome: 'checked_out' },
  { from: -7, nights: 1, outcome: 'no_show', sometimes: true },
  { from: -5, nights: 2, outcome: 'checked_out' },
  { from: -4, nights: 2, outcome: 'cancelled', cancelledOn: -4 },
  { from: -3, nights: 4, outcome: 'in_house' },
  { from: -2, nights: 2, outcome: 'in_house' },
  { from: -1, nights: 3, outcome: 'in_house' },
  { from: 0, nights: 2, outcome: 'confirmed' },
  { from: 0, nights: 1, outcome: 'confirmed' },
  { from: 1, nights: 2, outcome: 'confirmed', sometimes: true },
  { from: 4, nights: 3, outcome: 'confirmed' },
  { from: 9, nights: 2, outcome: 'confirmed' },
  { from: 20, nights: 1, outcome: 'cancelled', cancelledOn: -2 },
];

/** How far back the calendar of prices and rooms starts when the demo world has a past: the earliest stay above, and a margin. */
export const PAST_DAYS = 14;
