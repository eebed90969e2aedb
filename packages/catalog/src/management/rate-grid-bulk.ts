import type { Executor } from '@hatago/db';
import { FieldErrors, invalid } from '@hatago/platform/errors';
import { type FormInput, readChoice, readInteger } from '@hatago/platform/input';
import { CatalogErrors } from '../catalog-errors.ts';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';
import { readNightRange } from './night-range.ts';
import { MAX_NIGHTLY_PRICE } from './plan-prices.ts';
import { MAX_MIN_STAY } from './rate-grid.ts';
import { refuseBelowSold } from './rate-grid-change.ts';
import { lockSoldNights, type NightChange, noticeNightChanges, type PriceChange, writeNights, writePrices } from './rate-grid-writes.ts';
import { listPlans } from './rate-plans.ts';
import { MAX_ROOMS_PER_NIGHT } from './room-inventory-admin.ts';
import { listRoomTypes } from './room-types.ts';

/** A switch of the bulk form: left as it is, or set on or off. */
const SWITCH = ['', 'on', 'off'] as const;

const textOf = (form: FormInput, name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');

/** The bulk form's price field of one plan. */
export const bulkPriceField = (planId: number) => `price_${planId}`;

/**
 * Sets what the bulk form fills in (rooms, stop-sell, minimum stay, closed to arrival or
 * departure, each plan's price) on every chosen night of a range and weekdays, for one room
 * type or all, in one transaction; what is left empty stays as it is. Rooms make a night
 * that was never on sale; the other settings change only nights that are (none: refused).
 * The one way the console changes inventory over a range.
 */
export async function applyBulkRateChange(db: Executor, context: ManagementContext, form: FormInput, today?: string): Promise<{ nights: number }> {
  const [roomTypes, plans] = await Promise.all([listRoomTypes(db, context.hotelId), listPlans(db, context.hotelId)]);
  const errors = new FieldErrors();
  const { range, nights: dates } = readNightRange(errors, form, today);
  const chosen = textOf(form, 'roomTypeId') || 'all';
  const targets = chosen === 'all' ? roomTypes : roomTypes.filter((rt) => String(rt.id) === chosen);
  if (targets.length === 0) errors.add('roomTypeId', 'Choose one of your room types, or all');
  const optionalInt = (name: string, label: string, min: number, max: number) =>
    textOf(form, name) ? readInteger(errors, form, name, { label, min, max }) : null;
  const total = optionalInt('total', 'Rooms for sale', 0, MAX_ROOMS_PER_NIGHT);
  const minStay = optionalInt('minStay', 'Minimum stay', 1, MAX_MIN_STAY);
  const toggle = (name: string, label: string) => {
    const value = readChoice(errors, { [name]: textOf(form, name) }, name, { label, choices: SWITCH });
    return value === '' ? null : value === 'on';
  };
  const stopSell = toggle('stopSell', 'Stop-sell');
  const closedToArrival = toggle('cta', 'Closed to arrival');
  const closedToDeparture = toggle('ctd', 'Closed to departure');
  const targetIds = new Set(targets.map((rt) => rt.id));
  const priced = plans
    .filter((p) => targetIds.has(p.roomTypeId))
    .flatMap((p) => {
      const price = optionalInt(bulkPriceField(p.id), `Price of ${p.nameEn}`, 1, MAX_NIGHTLY_PRICE);
      return price === null ? [] : [{ planId: p.id, price }];
    });
  const settings = { total, stopSell, minStay, closedToArrival, closedToDeparture };
  if (!errors.list.length && Object.values(settings).every((v) => v === null) && priced.length === 0) {
    errors.add('total', 'Fill in at least one thing to set');
  }
  errors.throwIfAny(CatalogErrors.INVALID_RATE_GRID);

  // a change of prices alone touches no night: it neither locks them nor tells operators of inventory
  const nightSettings = Object.values(settings).some((v) => v !== null);
  const nights: NightChange[] = nightSettings ? targets.flatMap((rt) => dates.map((date) => ({ roomTypeId: rt.id, date, ...settings }))) : [];
  const prices: PriceChange[] = priced.flatMap(({ planId, price }) => dates.map((date) => ({ planId, date, price })));
  await commitChange(db, context, nightSettings ? 'inventory' : 'prices', async (trx) => {
    refuseBelowSold(await lockSoldNights(trx, nights), nights, () => 'total');
    const existing = await writeNights(trx, nights);
    if (total === null && nightSettings && existing === 0) {
      throw invalid(CatalogErrors.NO_INVENTORY_IN_RANGE, [{ field: 'from', message: 'No rooms are set on these nights; set rooms first' }]);
    }
    await noticeNightChanges(trx, context, 'rate_grid_bulk', nights);
    await writePrices(trx, prices);
    await auditChange(trx, context, 'rate_grid.bulk', { type: 'hotel', id: context.hotelId }, {
      ...range,
      roomTypeIds: [...targetIds],
      ...settings,
      prices: priced,
      nights: dates.length,
    });
  });
  return { nights: dates.length };
}
