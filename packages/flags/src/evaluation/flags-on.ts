import type { FlagDefinition } from '../definition/flag-definition.ts';
import { evaluateFlag, type FlagContext } from './evaluate-flag.ts';

/** The keys of every flag on for this context, sorted: the edge's decision header and cache key part. */
export function flagsOn(flags: Iterable<FlagDefinition>, context: FlagContext): string[] {
  const on: string[] = [];
  for (const flag of flags) if (evaluateFlag(flag, context).value) on.push(flag.key);
  return on.sort();
}
