import type { Cache } from '@hatago/cache';
import { type Executor, tablesOf } from '@hatago/db';
import { type FlagDefinition, FlagChanges, type FlagsTables } from '@hatago/flags';

/**
 * Leaves a flag defined as given, whether it was defined before (the demo world defines
 * some) or not, and announces the change as every writer does, so apps reading through
 * `cache` see it on their next request.
 */
export async function defineFlag(db: Executor, cache: Cache, definition: FlagDefinition): Promise<void> {
  const json = JSON.stringify(definition);
  await tablesOf<FlagsTables>(db)
    .insertInto('feature_flags')
    .values({ key: definition.key, definition: json, updated_by: 'test' })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ definition: json }))
    .execute();
  await new FlagChanges(cache).publish({ key: definition.key });
}
