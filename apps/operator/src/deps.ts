import type { AppDeps } from '@hatago/runtime';

/** Cancellations publish through the cache, so cached hotel pages show the rooms given back. */
export type OperatorAppDeps = AppDeps;
