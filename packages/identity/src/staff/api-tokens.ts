import { createHash, randomBytes } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';
import { conflict, FieldErrors, notFound } from '@hatago/platform/errors';
import { readText } from '@hatago/platform/input';
import { IdentityErrors } from '../identity-errors.ts';
import type { IdentityTables, OperatorRole } from '../identity-tables.ts';
import { type AccountAction, auditAccountAction } from './account-audit.ts';
import { isOperatorRole, OPERATOR_ROLES } from './operator-roles.ts';
import type { StaffAccount } from './staff-accounts.ts';

export interface ApiToken {
  id: number;
  name: string;
  role: OperatorRole;
  createdBy: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The prefix lets secret scanners and people tell a Hatago token from other strings. */
const PREFIX = 'hatago_';
const TOKEN = /^hatago_[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
/** Last use is recorded at most this often, so a busy CI job does not write on every request. */
const LAST_USED_RESOLUTION = '1 minute';

/** Creates a token; its secret is returned this once and only its hash is kept. */
export async function createApiToken(db: Executor, input: Record<string, unknown>, action: AccountAction): Promise<{ token: string; record: ApiToken }> {
  const errors = new FieldErrors();
  const name = readText(errors, input, 'name', { label: 'Name', max: 80 });
  if (!isOperatorRole(input.role)) errors.add('role', `Choose one of ${OPERATOR_ROLES.join(', ')}`);
  errors.throwIfAny(IdentityErrors.INVALID_API_TOKEN);
  const token = PREFIX + randomBytes(32).toString('base64url');
  const record = await db.transaction().execute(async (trx) => {
    const row = await tablesOf<IdentityTables>(trx)
      .insertInto('api_tokens')
      .values({ name, role: input.role as OperatorRole, token_hash: hashToken(token), created_by: action.by.id, last_used_at: null, revoked_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditAccountAction(trx, action, 'api_token.create', { type: 'api_token', id: Number(row.id) }, { name, role: row.role });
    return toApiToken(row);
  });
  return { token, record };
}

export async function listApiTokens(db: Executor): Promise<ApiToken[]> {
  const rows = await tablesOf<IdentityTables>(db).selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute();
  return rows.map(toApiToken);
}

export async function revokeApiToken(db: Executor, id: number, action: AccountAction): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    const row = await t.selectFrom('api_tokens').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound(IdentityErrors.API_TOKEN_NOT_FOUND, `No API token #${id}`);
    if (row.revoked_at) throw conflict(IdentityErrors.API_TOKEN_REVOKED, `The token ${row.name} is revoked already`);
    await t.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).execute();
    await auditAccountAction(trx, action, 'api_token.revoke', { type: 'api_token', id }, { name: row.name });
  });
}

/**
 * The operator a bearer token acts as, or undefined for an unknown or revoked token. It
 * acts with its own role; audit entries name the token and carry the id of the admin who
 * created it, who answers for it.
 */
export async function resolveApiToken(db: Executor, token: string): Promise<StaffAccount | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const t = tablesOf<IdentityTables>(db);
  const row = await t.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  await t
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('id', '=', row.id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - ${LAST_USED_RESOLUTION}::interval`)]))
    .execute();
  return { id: Number(row.created_by), login: `api-token-${row.id}`, name: `API token ${row.name} (#${row.id})`, kind: 'operator', hotelId: null, restaurantId: null, role: row.role };
}

const toApiToken = (row: Selectable<IdentityTables['api_tokens']>): ApiToken => ({
  id: Number(row.id),
  name: row.name,
  role: row.role,
  createdBy: Number(row.created_by),
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

