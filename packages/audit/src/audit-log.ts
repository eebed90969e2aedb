import type { Generated } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';

export interface AuditTables {
  audit_log: {
    id: Generated<number>;
    at: Generated<Date>;
    actor_kind: string;
    actor_id: number;
    actor_name: string;
    action: string;
    target_type: string;
    target_id: string;
    detail: string;
    request_id: string;
  };
}

export interface AuditEntry {
  actor: { kind: 'operator' | 'facility'; id: number; name: string };
  /** Dotted verb, e.g. `reservation.cancel`. */
  action: string;
  target: { type: string; id: string };
  detail?: Record<string, unknown>;
  requestId: string;
}

/** Write inside the transaction of the action it records, so neither exists without the other. */
export async function recordAudit(trx: Executor, entry: AuditEntry): Promise<void> {
  await tablesOf<AuditTables>(trx)
    .insertInto('audit_log')
    .values({
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      action: entry.action,
      target_type: entry.target.type,
      target_id: entry.target.id,
      detail: JSON.stringify(entry.detail ?? {}),
      request_id: entry.requestId,
    })
    .execute();
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: string;
}

export interface AuditFilter {
  targetType?: string;
  targetId?: string;
  actorKind?: string;
  action?: string;
}

function filtered(db: Executor, filter: AuditFilter) {
  let query = tablesOf<AuditTables>(db).selectFrom('audit_log');
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.actorKind) query = query.where('actor_kind', '=', filter.actorKind);
  if (filter.action) query = query.where('action', '=', filter.action);
  return query;
}

/** Newest first. */
export async function listAudit(db: Executor, filter: AuditFilter & { page: number; pageSize: number }): Promise<AuditRecord[]> {
  const rows = await filtered(db, filter)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor: { kind: r.actor_kind as 'operator' | 'facility', id: Number(r.actor_id), name: r.actor_name },
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
    requestId: r.request_id,
  }));
}

/** How many entries match, for paging through `listAudit`. */
export async function countAudit(db: Executor, filter: AuditFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
