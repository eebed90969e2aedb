import { type Executor, tablesOf } from '@hatago/db';
import type { CatalogTables } from '../catalog-tables.ts';
import { daysOfMonth } from './month.ts';
import { getPlan } from './rate-plans.ts';

export const MAX_NIGHTLY_PRICE = 10_000_000;

export interface PriceDay {
  date: string;
  /** Yen for one room for the night; null when the plan has no price (it does not sell). */
  price: number | null;
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
