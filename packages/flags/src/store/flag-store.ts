import { recordAudit } from '@hatago/audit';
import { type Executor, tablesOf } from '@hatago/db';
import { conflict, notFound } from '@hatago/platform/errors';
import type { FlagDefinition } from '../definition/flag-definition.ts';
import type { FlagChanges } from '../flag-changes.ts';
import { FlagsErrors } from '../flags-errors.ts';
import type { FlagsTables } from '../flags-tables.ts';
import { requireValidFlag } from './check-flag.ts';
import { diffFlags } from './flag-diff.ts';

/** A flag as stored: its definition and the version a form must name to save over it. */
export interface StoredFlag {
  definition: FlagDefinition;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

export interface FlagAction {
  actor: { id: number; name: string };
  requestId: string;
}

export interface FlagsContext {
  db: Executor;
  /** Tells every instance, once the change is committed, to drop its copy of the definitions. */
  changes: FlagChanges;
}

/** The audit log's name for flags: a flag's history is its entries with this type and its key. */
export const FLAG_AUDIT_TARGET = 'feature_flag';

type Row = { key: string; definition: FlagDefinition; version: unknown; updated_at: Date; updated_by: string };
const toFlag = (row: Row): StoredFlag => ({ definition: row.definition, version: Number(row.version), updatedAt: new Date(row.updated_at), updatedBy: row.updated_by });
const flags = (db: Executor) => tablesOf<FlagsTables>(db);
const missing = (key: string) => notFound(FlagsErrors.FEATURE_FLAG_NOT_FOUND, `No flag ${key}`);

export async function listFlags(db: Executor): Promise<StoredFlag[]> {
  return (await flags(db).selectFrom('feature_flags').selectAll().orderBy('key').execute()).map(toFlag);
}

export async function findFlag(db: Executor, key: string): Promise<StoredFlag | undefined> {
  const row = await flags(db).selectFrom('feature_flags').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? toFlag(row) : undefined;
}

export async function getFlag(db: Executor, key: string): Promise<StoredFlag> {
  const flag = await findFlag(db, key);
  if (!flag) throw missing(key);
  return flag;
}

/** The row locked for the rest of the transaction, so a change diffs against what it replaces. */
async function lockFlag(trx: Executor, key: string): Promise<StoredFlag> {
  const row = await flags(trx).selectFrom('feature_flags').selectAll().where('key', '=', key).forUpdate().executeTakeFirst();
  if (!row) throw missing(key);
  return toFlag(row);
}

function requireVersion(current: StoredFlag, expected: number): void {
  if (current.version !== expected) {
    throw conflict(FlagsErrors.FEATURE_FLAG_STALE, `${current.definition.key} was changed by ${current.updatedBy} (now version ${current.version}, you had ${expected}); reload it and apply your change again`);
  }
}

const audit = (trx: Executor, key: string, name: string, action: FlagAction, detail: Record<string, unknown>) =>
  recordAudit(trx, { actor: { kind: 'operator', ...action.actor }, action: `feature_flag.${name}`, target: { type: FLAG_AUDIT_TARGET, id: key }, detail, requestId: action.requestId });

/** Runs a change and its audit entry in one transaction; every instance hears of it once committed. */
async function change<T>(context: FlagsContext, key: string, work: (trx: Executor) => Promise<T>): Promise<T> {
  const result = await context.db.transaction().execute(work);
  await context.changes.publish({ key });
  return result;
}

async function writeDefinition(trx: Executor, definition: FlagDefinition, action: FlagAction): Promise<StoredFlag> {
  const row = await flags(trx)
    .updateTable('feature_flags')
    .set((eb) => ({ definition: JSON.stringify(definition), version: eb('version', '+', 1), updated_at: new Date(), updated_by: action.actor.name }))
    .where('key', '=', definition.key)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toFlag(row);
}

/** Creates a flag from a form or the API: nothing when it has any error (all thrown at once) or the key is taken. */
export async function createFlag(context: FlagsContext, value: unknown, action: FlagAction): Promise<StoredFlag> {
  const definition = requireValidFlag(value);
  return change(context, definition.key, async (trx) => {
    const row = await flags(trx)
      .insertInto('feature_flags')
      .values({ key: definition.key, definition: JSON.stringify(definition), updated_by: action.actor.name })
      .onConflict((oc) => oc.column('key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict(FlagsErrors.FEATURE_FLAG_EXISTS, `A flag ${definition.key} exists already`);
    await audit(trx, definition.key, 'create', action, { version: 1, after: definition });
    return toFlag(row);
  });
}

/**
 * Replaces a flag's definition, only if it is still at the version the editor saw: saving
 * over somebody else's change is refused (FEATURE_FLAG_STALE) rather than silently undoing it.
 */
export async function updateFlag(context: FlagsContext, key: string, value: unknown, expectedVersion: number, action: FlagAction): Promise<StoredFlag> {
  const definition = requireValidFlag(value, { key });
  return change(context, key, async (trx) => {
    const current = await lockFlag(trx, key);
    requireVersion(current, expectedVersion);
    const updated = await writeDefinition(trx, definition, action);
    await audit(trx, key, 'update', action, { fromVersion: current.version, version: updated.version, diff: diffFlags(current.definition, definition) });
    return updated;
  });
}

/**
 * The kill switch: one environment on or off. Not version-checked on purpose: whoever pulls
 * it in an emergency must not be refused because somebody edited the flag meanwhile, and
 * it changes only `enabled` of the row as it is now (locked), so it undoes nobody's edit.
 * Pressing it twice changes nothing the second time.
 */
export async function setEnvironmentEnabled(context: FlagsContext, key: string, environment: string, enabled: boolean, action: FlagAction): Promise<StoredFlag> {
  return change(context, key, async (trx) => {
    const current = await lockFlag(trx, key);
    const rule = current.definition.environments[environment];
    if (!rule) throw notFound(FlagsErrors.FEATURE_FLAG_ENVIRONMENT_NOT_FOUND, `${key} has no rule for ${environment}`);
    if (rule.enabled === enabled) return current;
    const definition = { ...current.definition, environments: { ...current.definition.environments, [environment]: { ...rule, enabled } } };
    const updated = await writeDefinition(trx, definition, action);
    await audit(trx, key, enabled ? 'enable' : 'disable', action, { environment, fromVersion: current.version, version: updated.version, diff: diffFlags(current.definition, definition) });
    return updated;
  });
}

/** Deletes a flag at the version the operator confirmed; its definition stays in the audit log. */
export async function deleteFlag(context: FlagsContext, key: string, expectedVersion: number, action: FlagAction): Promise<void> {
  await change(context, key, async (trx) => {
    const current = await lockFlag(trx, key);
    requireVersion(current, expectedVersion);
    await flags(trx).deleteFrom('feature_flags').where('key', '=', key).execute();
    await audit(trx, key, 'delete', action, { fromVersion: current.version, before: current.definition });
  });
}
