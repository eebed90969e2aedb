import { createHash, randomBytes } from 'node:crypto';
import { type Executor, tablesOf } from '@hatago/db';
import type { IdentityTables, SubjectKind } from '../identity-tables.ts';

export const SESSION_TTL_MS: Record<SubjectKind, number> = {
  member: 14 * 24 * 3600_000,
  facility: 12 * 3600_000,
  operator: 12 * 3600_000,
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Sessions live in the database so any instance can serve any request. */
export async function createSession(db: Executor, kind: SubjectKind, subjectId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS[kind]);
  // sign-ins are rare next to page views, so they can afford to sweep what has expired
  await tablesOf<IdentityTables>(db).deleteFrom('sessions').where('expires_at', '<=', new Date()).execute();
  await tablesOf<IdentityTables>(db)
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), subject_kind: kind, subject_id: subjectId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function resolveSession(db: Executor, kind: SubjectKind, token: string | undefined): Promise<number | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await tablesOf<IdentityTables>(db)
    .selectFrom('sessions')
    .select('subject_id')
    .where('token_hash', '=', hashToken(token))
    .where('subject_kind', '=', kind)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row ? Number(row.subject_id) : undefined;
}

export async function endSession(db: Executor, token: string | undefined): Promise<void> {
  if (!token) return;
  await tablesOf<IdentityTables>(db).deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}
