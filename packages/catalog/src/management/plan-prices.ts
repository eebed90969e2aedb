import { sql } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors } from '@hatago/platform/errors';
import type { CatalogTables } from '../catalog-tables.ts';
import { type FormInput, readInteger } from '@hatago/platform/input';
import { auditChange, commitChange, type ManagementContext } from './management-context.ts';
import { daysOfMonth } from './month.ts';
import { readNightRange } from './night-range.ts';
import { getPlan } from './rate-plans.ts';
import { CatalogErrors } from '../catalog-errors.ts';

export const MAX_NIGHTLY_PRICE = 10_000_000;

export interface PriceDay {
  date: string;
  /** Yen for one room for the night; null when the plan has no price (it does not sell). */
  price: number | null;
}

/** Sets one nightly price for every chosen night of a range, in one statement. */
export async function setPlanPrices(db: Executor, context: ManagementContext, planId: unknown, form: FormInput): Promise<{ nights: number }> {
  const plan = await getPlan(db, context.hotelId, planId);
  const errors = new FieldErrors();
  const { range, nights } = readNightRange(errors, form);
  const price = readInteger(errors, form, 'price', { label: 'Price', min: 1, max: MAX_NIGHTLY_PRICE });
  errors.throwIfAny(CatalogErrors.INVALID_PRICES);
  await commitChange(db, context, 'prices', async (trx) => {
    await sql`
      insert into plan_prices (plan_id, stay_date, price)
      select ${plan.id}::int, n.night::date, ${price}::int
      from jsonb_array_elements_text(${JSON.stringify(nights)}::jsonb) as n(night)
      on conflict (plan_id, stay_date) do update set price = excluded.price
    `.execute(trx);
    await auditChange(trx, context, 'plan_price.set', { type: 'rate_plan', id: plan.id }, { ...range, price, nights: nights.length });
  });
  return { nights: nights.length };
}

export async function planPriceMonth(db: Executor, hotelId: number, planId: unknown, month: string): Promise<PriceDay[]> {
  const plan = await getPlan(db, hotelId, planId);
  const days = daysOfMonth(month);
  const rows = await tablesOf<CatalogTables>(db)
    .selectFrom('plan_prices')
    .select(['stay_date', 'price'])
    .where('plan_id', '=', plan.id)
    .where('stay_date', '>=', days[0]!)
    .where('stay_date', '<=', days.at(-1)!)
    .execute();
  const prices = new Map(rows.map((r) => [r.stay_date, r.price]));
  return days.map((date) => ({ date, price: prices.get(date) ?? null }));
}
