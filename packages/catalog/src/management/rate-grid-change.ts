import type { Executor } from '@hatago/db';
import { FieldErrors, invalid } from '@hatago/platform/errors';
import { type FormInput, readDate, readInteger } from '@hatago/platform/input';
import { tokyoToday } from '@hatago/platform/time';
import { CatalogErrors } from '../catalog-errors.ts';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';
import { MAX_NIGHTLY_PRICE } from './plan-prices.ts';
import { gridField, MAX_MIN_STAY, rateGrid, type GridNight, type RateGrid } from './rate-grid.ts';
import { lockSoldNights, type NightChange, noticeNightChanges, nightKey, type PriceChange, writeNights, writePrices } from './rate-grid-writes.ts';
import { MAX_ROOMS_PER_NIGHT } from './room-inventory-admin.ts';

const textOf = (form: FormInput, name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');

/** A cell left empty keeps a night off sale; one on sale needs its rooms (0 closes it). */
function readNight(errors: FieldErrors, form: FormInput, roomTypeId: number, night: GridNight): NightChange | null {
  const field = (what: Parameters<typeof gridField>[0]) => gridField(what, roomTypeId, night.date);
  if (!textOf(form, field('total'))) {
    if (night.total !== null) errors.add(field('total'), `Enter the rooms for sale on ${night.date} (0 sells none)`);
    return null;
  }
  const total = readInteger(errors, form, field('total'), { label: 'Rooms for sale', min: 0, max: MAX_ROOMS_PER_NIGHT });
  const minStay = textOf(form, field('minStay')) ? readInteger(errors, form, field('minStay'), { label: 'Minimum stay', min: 1, max: MAX_MIN_STAY }) : 1;
  const ticked = (what: 'stop' | 'cta' | 'ctd') => form[field(what)] === 'on';
  return { roomTypeId, date: night.date, total, stopSell: ticked('stop'), minStay, closedToArrival: ticked('cta'), closedToDeparture: ticked('ctd') };
}

const sameNight = (change: NightChange, night: GridNight) =>
  change.total === night.total &&
  change.stopSell === night.stopSell &&
  change.minStay === night.minStay &&
  change.closedToArrival === night.closedToArrival &&
  change.closedToDeparture === night.closedToDeparture;

/** Every cell of the submitted grid, checked; only those that differ from what is stored are kept. */
function readGrid(grid: RateGrid, form: FormInput): { nights: NightChange[]; prices: PriceChange[] } {
  const errors = new FieldErrors();
  const nights: NightChange[] = [];
  const prices: PriceChange[] = [];
  for (const roomType of grid.roomTypes) {
    for (const night of roomType.nights) {
      const change = readNight(errors, form, roomType.id, night);
      if (change && !sameNight(change, night)) nights.push(change);
    }
    for (const plan of roomType.plans) {
      grid.dates.forEach((date, i) => {
        const name = gridField('price', plan.id, date);
        if (!textOf(form, name)) {
          if (plan.prices[i] !== null) errors.add(name, `Enter the price on ${date}`);
          return;
        }
        const price = readInteger(errors, form, name, { label: 'Price', min: 1, max: MAX_NIGHTLY_PRICE });
        if (price !== plan.prices[i]) prices.push({ planId: plan.id, date, price });
      });
    }
  }
  errors.throwIfAny(CatalogErrors.INVALID_RATE_GRID);
  return { nights, prices };
}

/**
 * Saves the rate and availability grid as one change: every cell is checked first, then
 * the nights are locked and none may offer fewer rooms than it has sold; any bad value
 * refuses the whole grid, each named by its field, and so does a page older than the last
 * change to these dates (its `version`). Audited in the same transaction and
 * published after the commit.
 */
export async function saveRateGrid(db: Executor, context: ManagementContext, form: FormInput, today = tokyoToday()): Promise<{ from: string; cells: number }> {
  const errors = new FieldErrors();
  const from = readDate(errors, form, 'from', { label: 'First date' });
  if (!errors.list.length && from < today) errors.add('from', 'Nights already past cannot be changed; start the grid from today');
  errors.throwIfAny(CatalogErrors.INVALID_RATE_GRID);
  const grid = await rateGrid(db, context.hotelId, from);
  if (form.version !== grid.version) {
    throw invalid(CatalogErrors.INVALID_RATE_GRID, [
      { field: 'version', message: 'Someone saved a change to these dates since this page was opened, so nothing was saved: check your values against the current ones and save again' },
    ]);
  }
  const { nights, prices } = readGrid(grid, form);
  if (nights.length === 0 && prices.length === 0) return { from, cells: 0 };
  await commitChange(db, context, nights.length ? 'inventory' : 'prices', async (trx) => {
    refuseBelowSold(await lockSoldNights(trx, nights), nights, (change) => gridField('total', change.roomTypeId, change.date));
    await writeNights(trx, nights);
    await noticeNightChanges(trx, context, 'rate_grid', nights);
    await writePrices(trx, prices);
    await auditChange(trx, context, 'rate_grid.save', { type: 'hotel', id: context.hotelId }, { from, to: grid.dates.at(-1), nights, prices });
  });
  return { from, cells: nights.length + prices.length };
}

/** Refuses the change (and so rolls it back) when a night would offer fewer rooms than it sold. */
export function refuseBelowSold(sold: Map<string, number>, nights: NightChange[], fieldOf: (change: NightChange) => string): void {
  const errors = nights.flatMap((change) => {
    const reserved = sold.get(nightKey(change.roomTypeId, change.date)) ?? 0;
    return change.total !== null && change.total < reserved
      ? [{ field: fieldOf(change), message: `${reserved} room${reserved === 1 ? ' is' : 's are'} already sold on ${change.date}; set at least ${reserved}` }]
      : [];
  });
  if (errors.length) throw invalid(CatalogErrors.INVENTORY_BELOW_RESERVED, errors);
}
