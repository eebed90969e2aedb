import type { FlagDefinition } from '../definition/flag-definition.ts';

/** One changed value between two definitions, at a path such as `environments.production.percent`. */
export interface FlagDiffEntry {
  path: string;
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function diffValues(path: string, before: unknown, after: unknown, out: FlagDiffEntry[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) diffValues(path ? `${path}.${key}` : key, before[key], after[key], out);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
  }
}

/** What an edit changed, leaf by leaf (a preview list counts as one value): the audit entry's detail. */
export function diffFlags(before: FlagDefinition, after: FlagDefinition): FlagDiffEntry[] {
  const out: FlagDiffEntry[] = [];
  diffValues('', before, after, out);
  return out;
}
