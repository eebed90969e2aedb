/**
 * What a rate plan sells on, as the plan editor and the stay quote both read it from
 * `rate_plans as rp`: one list, so a new term of sale reaches both.
 */
export const RATE_PLAN_COLUMNS = [
  'rp.id',
  'rp.name_ja',
  'rp.name_en',
  'rp.meals',
  'rp.free_cancel_days',
  'rp.cancel_fee_percent',
  'rp.no_show_fee_percent',
  'rp.guarantee_required',
  'rp.sale_start',
  'rp.sale_end',
  'rp.active',
] as const;
