import { ACCOMMODATION_TAXES, type AccommodationTax } from './accommodation-tax-bands.ts';

/** One night of a stay for the tax: all rooms' accommodation charge and everyone staying. */
export interface TaxedNight {
  date: string;
  /**
   * The night's room and service charge for all rooms, without consumption tax or meals,
   * as a fraction (numerator / denominator) so that a band edge is compared exactly.
   */
  charge: { numerator: number; denominator: number };
  guests: number;
}

/**
 * Accommodation tax for every guest of one night, yen. Each guest's share of the charge is
 * the same, the night's charge over the party (rooms priced per number of guests included):
 * the model counts neither children nor who sleeps in which room, so children's exemptions
 * are not applied.
 */
export function accommodationTaxOf(areaId: string, night: TaxedNight, taxes: Readonly<Record<string, AccommodationTax>> = ACCOMMODATION_TAXES): number {
  const schedule = taxes[areaId]?.schedules.findLast((s) => s.effectiveFrom <= night.date);
  if (!schedule) return 0;
  const { numerator, denominator } = night.charge;
  // per person charge ≥ from  ⇔  numerator ≥ from × denominator × guests, in integers
  const band = schedule.bands.findLast((b) => numerator >= b.from * denominator * night.guests);
  return (band?.perPersonPerNight ?? 0) * night.guests;
}
