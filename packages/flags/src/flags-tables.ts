import type { ColumnType, Generated } from 'kysely';
import type { FlagDefinition } from './definition/flag-definition.ts';

/** jsonb: written as JSON text, read back parsed by both drivers. */
type Json<T> = ColumnType<T, string, string>;

export interface FlagsTables {
  feature_flags: {
    key: string;
    definition: Json<FlagDefinition>;
    /** Counts changes: a form saved over somebody else's change is refused, not silently undone. */
    version: Generated<number>;
    updated_at: Generated<Date>;
    updated_by: string;
  };
}
