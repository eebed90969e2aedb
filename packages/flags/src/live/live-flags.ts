import { type Cache, cached } from '@hatago/cache';
import { type Executor, tablesOf } from '@hatago/db';
import type { FlagDefinition } from '../definition/flag-definition.ts';
import { FLAGS_NAMESPACE } from '../flag-changes.ts';
import type { FlagsTables } from '../flags-tables.ts';
import type { FlagDefinitionSource } from '../openfeature/hatago-provider.ts';

export interface LiveFlagsOptions {
  /** How long this process keeps its copy without hearing of a change (a lost message heals within it). */
  memoryMs: number;
  /** How long the shared copy lives. */
  cacheMs: number;
  now: () => number;
}

/**
 * Every flag definition as the apps evaluate them: from this process's memory, else the
 * shared cache (Redis in distributed mode), else the database. A change on any instance
 * renews the `flags` namespace: every instance drops its memory copy when it hears it, so a
 * change (the kill switch above all) takes effect everywhere within the message's way.
 */
export class LiveFlags implements FlagDefinitionSource {
  #memo: { value: Promise<ReadonlyMap<string, FlagDefinition>>; until: number } | undefined;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly db: Executor,
    private readonly cache: Cache,
    private readonly options: LiveFlagsOptions = { memoryMs: 1_000, cacheMs: 60_000, now: Date.now },
  ) {
    this.#unsubscribe = cache.subscribeInvalidations((invalidation) => {
      if (invalidation.namespaces.includes(FLAGS_NAMESPACE)) this.#memo = undefined;
    });
  }

  definitions(): Promise<ReadonlyMap<string, FlagDefinition>> {
    const now = this.options.now();
    if (this.#memo && this.#memo.until > now) return this.#memo.value;
    const value = cached(this.cache, { key: 'flags:live', namespaces: [FLAGS_NAMESPACE] }, this.options.cacheMs, () => readDefinitions(this.db)).then(
      (list) => new Map(list.map((flag) => [flag.key, flag])),
    );
    const memo = { value, until: now + this.options.memoryMs };
    this.#memo = memo;
    // a failed read is not remembered: the next request tries again
    value.catch(() => {
      if (this.#memo === memo) this.#memo = undefined;
    });
    return value;
  }

  close(): void {
    this.#unsubscribe();
  }
}

async function readDefinitions(db: Executor): Promise<FlagDefinition[]> {
  const rows = await tablesOf<FlagsTables>(db).selectFrom('feature_flags').select('definition').orderBy('key').execute();
  return rows.map((row) => row.definition);
}
