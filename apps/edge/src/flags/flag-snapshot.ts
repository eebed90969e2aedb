import { type FlagDefinition, needsVisitorId } from '@hatago/flags/evaluation';

/** What the edge decided about flags for one request. */
export interface FlagDecision {
  /** The keys on, sorted. */
  on: readonly string[];
  /** The same comma-separated ('' when none): the `hatago-flags` header and the cache key part. */
  header: string;
  /** A visitor id made for this request (the visitor had none, and a split needs one): to the origin and to the client. */
  minted: string | undefined;
}

/** Every flag off: the decision until the feed's first answer, as the VCL twin always has it. */
export const NO_FLAGS: FlagDecision = { on: [], header: '', minted: undefined };

/** One answer of the flag feed, with what every request would otherwise work out again. */
export interface FlagSnapshot {
  environment: string;
  flags: readonly FlagDefinition[];
  byKey: ReadonlyMap<string, FlagDefinition>;
  /** Some flag is split between 0 and 100 %: a visitor without an id gets one minted. */
  needsVisitorId: boolean;
  /**
   * The decision when no flag depends on the request (none split, none with preview values
   * while enabled): then a request costs no cookie or query parsing at all.
   */
  fixed: FlagDecision | undefined;
}

/** The feed's answer checked and indexed; undefined when it is not `{ environment, flags: [...] }`. */
export function snapshotOf(body: unknown): FlagSnapshot | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { environment, flags } = body as { environment?: unknown; flags?: unknown };
  if (typeof environment !== 'string' || !Array.isArray(flags) || !flags.every(isDefinition)) return undefined;
  const byKey = new Map(flags.map((flag) => [flag.key, flag]));
  const dependsOnRequest = flags.some((flag) => {
    const rule = flag.environments[environment];
    return rule !== undefined && rule.enabled && (rule.allow.length > 0 || needsVisitorId(flag, environment));
  });
  const on = flags
    .filter((flag) => flag.environments[environment]?.enabled && flag.environments[environment]!.percent >= 100)
    .map((flag) => flag.key)
    .sort();
  const fixed = dependsOnRequest ? undefined : { on, header: on.join(','), minted: undefined };
  return { environment, flags, byKey, needsVisitorId: flags.some((flag) => needsVisitorId(flag, environment)), fixed };
}

function isDefinition(value: unknown): value is FlagDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const { key, environments } = value as { key?: unknown; environments?: unknown };
  if (typeof key !== 'string' || typeof environments !== 'object' || environments === null) return false;
  return Object.values(environments).every(
    (rule: unknown) =>
      typeof rule === 'object' &&
      rule !== null &&
      typeof (rule as { enabled?: unknown }).enabled === 'boolean' &&
      typeof (rule as { percent?: unknown }).percent === 'number' &&
      Array.isArray((rule as { allow?: unknown }).allow),
  );
}
