import { minutesOf } from './restaurant.ts';

export interface SeatingTimes {
  startsAt: string;
  durationMinutes: number;
}

export const DURATION_MINUTES = { min: 30, max: 480 } as const;

/**
 * What is wrong with a restaurant's seatings as a whole: seatings are turns of the whole
 * room, each sold in full, so two that overlap would sell the same seats twice; they must
 * also fall within opening hours. Used when a restaurant is created and when its staff
 * change a seating.
 */
export function seatingProblems(seatings: readonly SeatingTimes[], hours: { opensAt: string; closesAt: string }): string[] {
  const problems: string[] = [];
  const sorted = [...seatings].sort((a, b) => minutesOf(a.startsAt) - minutesOf(b.startsAt));
  sorted.forEach((seating, i) => {
    const end = minutesOf(seating.startsAt) + seating.durationMinutes;
    const next = sorted[i + 1];
    if (next && end > minutesOf(next.startsAt)) problems.push(`The ${seating.startsAt} seating runs into the ${next.startsAt} one`);
    if (minutesOf(seating.startsAt) < minutesOf(hours.opensAt) || end > minutesOf(hours.closesAt))
      problems.push(`The ${seating.startsAt} seating falls outside opening hours (${hours.opensAt}–${hours.closesAt})`);
  });
  return problems;
}
