import { type Cache, LiveValue } from '@hatago/cache';
import { type Executor, tablesOf } from '@hatago/db';
import type { FlagDefinition } from '../definition/flag-definition.ts';
import { FLAGS_NAMESPACE } from '../flag-changes.ts';
import type { FlagsTables } from '../flags-tables.ts';
import type { FlagDefinitionSource } from '../openfeature/hatago-provider.ts';

export interface LiveFlagsOptions {
  /** How long this process keeps its copy without hearing of a change. */
  memoryMs: number;
  /** How long the shared copy lives. */
  cacheMs: number;
  now: () => number;
}

/**
 * Every flag definition as the apps evaluate them, kept live across instances (LiveValue):
 * a change anywhere, the kill switch above all, drops every copy at once.
 */
export class LiveFlags implements FlagDefinitionSource {
  readonly #live: LiveValue<FlagDefinition[]>;
  // one index per copy read, not one per request
  readonly #indexed = new WeakMap<FlagDefinition[], ReadonlyMap<string, FlagDefinition>>();

  constructor(db: Executor, cache: Cache, options: LiveFlagsOptions = { memoryMs: 1_000, cacheMs: 60_000, now: Date.now }) {
    this.#live = new LiveValue(cache, { key: 'flags:live', namespace: FLAGS_NAMESPACE, load: () => readDefinitions(db), ...options });
  }

  async definitions(): Promise<ReadonlyMap<string, FlagDefinition>> {
    const list = await this.#live.current();
    let index = this.#indexed.get(list);
    if (!index) {
      index = new Map(list.map((flag) => [flag.key, flag]));
      this.#indexed.set(list, index);
    }
    return index;
  }

  close(): void {
    this.#live.close();
  }
}

async function readDefinitions(db: Executor): Promise<FlagDefinition[]> {
  const rows = await tablesOf<FlagsTables>(db).selectFrom('feature_flags').select('definition').orderBy('key').execute();
  return rows.map((row) => row.definition);
}
