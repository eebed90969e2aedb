/**
 * PromQL's histogram_quantile over cumulative buckets `[upper bound, count]` sorted by bound
 * (+Inf last): linear interpolation inside the bucket holding the rank; a rank in the +Inf
 * bucket answers the highest finite bound. Undefined without observations.
 */
export function histogramQuantile(q: number, buckets: ReadonlyArray<readonly [number, number]>): number | undefined {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [bound, count] of buckets) {
    if (count >= rank) {
      if (bound === Number.POSITIVE_INFINITY) return lowerBound;
      return lowerBound + ((bound - lowerBound) * (rank - lowerCount)) / (count - lowerCount || 1);
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return lowerBound;
}
