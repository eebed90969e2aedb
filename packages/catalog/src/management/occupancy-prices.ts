import { sql } from 'kysely';
import type { Executor } from '@hatago/db';
import { FieldErrors, invalid } from '@hatago/platform/errors';
import { type FormInput, readInteger } from '@hatago/platform/input';
import { CatalogErrors } from '../catalog-errors.ts';
import { STAY_LIMITS } from '../stay.ts';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';
import { readNightRange } from './night-range.ts';
import { MAX_NIGHTLY_PRICE } from './plan-prices.ts';
import { listPlans } from './rate-plans.ts';
import { listRoomTypes } from './room-types.ts';

/** The form field of one room's price for `guests` guests. */
export const occupancyPriceField = (guests: number) => `guests_${guests}`;

/** Guest counts the form offers: as many as a room can hold. */
export const OCCUPANCY_COUNTS = Array.from({ length: STAY_LIMITS.maxGuests }, (_, i) => i + 1);

const textOf = (form: FormInput, name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');

interface OccupancyChange {
  planId: number;
  /** Element n-1: one room's price for n guests, null for none; null as a whole removes them all. */
  prices: Array<number | null> | null;
}

function readOccupancyChange(form: FormInput, plans: Array<{ id: number; capacity: number }>, errors: FieldErrors): OccupancyChange {
  const plan = plans.find((p) => String(p.id) === textOf(form, 'planId'));
  if (!plan) errors.add('planId', 'Choose one of your plans');
  const prices = OCCUPANCY_COUNTS.map((guests) => {
    const name = occupancyPriceField(guests);
    if (!textOf(form, name)) return null;
    const price = readInteger(errors, form, name, { label: `Price for ${guests} guest${guests === 1 ? '' : 's'}`, min: 1, max: MAX_NIGHTLY_PRICE });
    if (plan && guests > plan.capacity) errors.add(name, `This room holds ${plan.capacity} guest${plan.capacity === 1 ? '' : 's'}; leave ${guests} empty`);
    return price;
  });
  const remove = form.remove === 'on';
  const given = prices.some((p) => p !== null);
  if (remove && given) errors.add('remove', 'Either remove the prices per guest count or set them, not both');
  if (!remove && !given) errors.add(occupancyPriceField(1), 'Fill in the price for at least one guest count, or tick “Remove”');
  const last = prices.findLastIndex((p) => p !== null);
  return { planId: plan?.id ?? 0, prices: remove ? null : prices.slice(0, last + 1) };
}

/**
 * Sets one plan's price per number of guests on every chosen night of a range and weekdays,
 * in one change: what the form fills in replaces the nights' prices per guest count, a count
 * left empty pays the night's single price. Every chosen night must already have that single
 * price (none changes otherwise); a count above what the room holds is refused. Audited in
 * the same transaction and published after the commit, so cached search and hotel pages drop.
 */
export async function setOccupancyPrices(db: Executor, context: ManagementContext, form: FormInput, today?: string): Promise<{ nights: number }> {
  const [roomTypes, plans] = await Promise.all([listRoomTypes(db, context.hotelId), listPlans(db, context.hotelId)]);
  const capacityOf = new Map(roomTypes.map((rt) => [rt.id, rt.capacity]));
  const errors = new FieldErrors();
  const { range, nights: dates } = readNightRange(errors, form, today);
  const change = readOccupancyChange(form, plans.map((p) => ({ id: p.id, capacity: capacityOf.get(p.roomTypeId) ?? 0 })), errors);
  errors.throwIfAny(CatalogErrors.INVALID_RATE_GRID);

  const stored = change.prices === null ? null : `{${change.prices.map((p) => p ?? 'NULL').join(',')}}`;
  await commitChange(db, context, 'prices', async (trx) => {
    const updated = await sql`
      update plan_prices set occupancy_prices = ${stored}::int[]
      where plan_id = ${change.planId} and stay_date = any(${`{${dates.join(',')}}`}::date[])`.execute(trx);
    const missing = dates.length - Number(updated.numAffectedRows ?? 0);
    if (missing > 0) {
      throw invalid(CatalogErrors.INVALID_RATE_GRID, [
        { field: 'from', message: `The plan has no price on ${missing} of these nights; set its price first, then its prices per guest count` },
      ]);
    }
    await auditChange(trx, context, 'rate_plan.occupancy_prices', { type: 'rate_plan', id: change.planId }, {
      ...range,
      pricesByGuests: change.prices === null ? null : Object.fromEntries(change.prices.flatMap((p, i) => (p === null ? [] : [[i + 1, p]]))),
      nights: dates.length,
    });
  });
  return { nights: dates.length };
}
