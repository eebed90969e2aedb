import { accommodationTaxOf } from './accommodation-tax.ts';

/** Japan's standard consumption tax rate, percent. */
export const CONSUMPTION_TAX_PERCENT = 10;

export interface PricedStay {
  /** The hotel's area id: it decides the accommodation tax. */
  areaId: string;
  /** The hotel's service charge, percent of the room charge; 0 when it charges none. */
  serviceChargePercent: number;
  /**
   * Each night: one room's price and, when rooms of the party are priced apart (prices per
   * number of guests), every room's together; `price × rooms` when that is left out.
   */
  nightly: ReadonlyArray<{ date: string; price: number; total?: number }>;
  rooms: number;
  guests: number;
}

/** What a stay costs, split as a Japanese hotel's bill splits it. All amounts integer yen. */
export interface PriceBreakdown {
  roomCharge: number;
  serviceChargePercent: number;
  serviceCharge: number;
  consumptionTax: number;
  /** Room, service charge and consumption tax: what the booking records and the guest pays for the stay. */
  total: number;
  /** Paid at the hotel on top of `total` (as Japanese hotels collect it); 0 where there is none. */
  accommodationTax: number;
  /** `total` and the accommodation tax together: everything the stay costs. */
  grandTotal: number;
  /** Each guest's share, rounded to the yen. */
  perPerson: { total: number; grandTotal: number };
}

/**
 * Splits a stay's price into its parts. Stored nightly prices are what the guest pays for a
 * room, service charge and 10 % consumption tax included (総額表示, as the pages have always
 * said "tax included"), so the breakdown divides them and never adds to them: `total` is the
 * plain sum of the nights for all rooms. Consumption tax is the tax contained in that sum,
 * rounded down; the service charge is the given percent of the room charge.
 *
 * The accommodation tax is charged on each night's room and service charge per person,
 * without consumption tax. Plans do not price their meals apart, so a plan with meals is
 * taxed on its whole price: the tax can land one band high for such plans.
 */
export function priceBreakdown(stay: PricedStay): PriceBreakdown {
  const taxedShare = 100 + CONSUMPTION_TAX_PERCENT;
  const nightTotal = (n: PricedStay['nightly'][number]) => n.total ?? n.price * stay.rooms;
  const total = stay.nightly.reduce((sum, n) => sum + nightTotal(n), 0);
  const consumptionTax = Math.floor((total * CONSUMPTION_TAX_PERCENT) / taxedShare);
  const withoutTax = total - consumptionTax;
  const roomCharge = Math.round((withoutTax * 100) / (100 + stay.serviceChargePercent));
  const accommodationTax = stay.nightly.reduce(
    (sum, n) =>
      sum +
      accommodationTaxOf(stay.areaId, {
        date: n.date,
        charge: { numerator: nightTotal(n) * 100, denominator: taxedShare },
        guests: stay.guests,
      }),
    0,
  );
  const grandTotal = total + accommodationTax;
  return {
    roomCharge,
    serviceChargePercent: stay.serviceChargePercent,
    serviceCharge: withoutTax - roomCharge,
    consumptionTax,
    total,
    accommodationTax,
    grandTotal,
    perPerson: { total: Math.round(total / stay.guests), grandTotal: Math.round(grandTotal / stay.guests) },
  };
}
