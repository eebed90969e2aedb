import { recordAudit } from '@hatago/audit';
import { type Executor, tablesOf } from '@hatago/db';
import { FieldErrors, notFound, conflict } from '@hatago/platform/errors';
import { IncidentErrors } from './incident-errors.ts';
import { type Cause, CAUSES, type IncidentTables, type Severity, SEVERITIES } from './incident-tables.ts';

/** The operator making the change and the request it came in, for the audit log. */
export interface IncidentActor {
  id: number;
  name: string;
  requestId: string;
}

export interface OpenIncident {
  title: string;
  severity: string;
  cause?: string | undefined;
  /** The alert it was opened from, e.g. `SloErrorBudgetBurnFast/booking-availability`. */
  alert?: string | undefined;
  /** When users were first affected (an alert's active-since); defaults to `detectedAt`. */
  startedAt?: Date | undefined;
  /** When we knew; defaults to now. */
  detectedAt?: Date | undefined;
}

const MAX_TEXT = 4000;
const MAX_POSTMORTEM = 100_000;

const text = (errors: FieldErrors, field: string, value: string | undefined, max: number, required = true) => {
  const trimmed = (value ?? '').trim();
  if (required && !trimmed) errors.add(field, 'Required');
  else if (trimmed.length > max) errors.add(field, `At most ${max} characters`);
  return trimmed;
};
const oneOf = <T extends string>(errors: FieldErrors, field: string, value: string | undefined, allowed: readonly T[], required: boolean): T | null => {
  if (!value) {
    if (required) errors.add(field, `One of ${allowed.join(', ')}`);
    return null;
  }
  if (!(allowed as readonly string[]).includes(value)) errors.add(field, `One of ${allowed.join(', ')}`);
  return value as T;
};

const tables = (db: Executor) => tablesOf<IncidentTables>(db);
const audit = (trx: Executor, actor: IncidentActor, action: string, id: number, detail: Record<string, unknown> = {}) =>
  recordAudit(trx, { actor: { kind: 'operator', id: actor.id, name: actor.name }, action, target: { type: 'incident', id: String(id) }, detail, requestId: actor.requestId });

/** Opens an incident, its first timeline entry and the audit record in one transaction; returns its id. */
export async function openIncident(db: Executor, actor: IncidentActor, input: OpenIncident, now = new Date()): Promise<number> {
  const errors = new FieldErrors();
  const title = text(errors, 'title', input.title, 200);
  const severity = oneOf<Severity>(errors, 'severity', input.severity, SEVERITIES, true);
  const cause = oneOf<Cause>(errors, 'cause', input.cause, CAUSES, false);
  const alert = input.alert ? text(errors, 'alert', input.alert, 200) : null;
  const detectedAt = input.detectedAt ?? now;
  const startedAt = input.startedAt ?? detectedAt;
  if (Number.isNaN(detectedAt.getTime()) || detectedAt > now) errors.add('detectedAt', 'A time not in the future');
  if (Number.isNaN(startedAt.getTime()) || startedAt > detectedAt) errors.add('startedAt', 'At or before the detection');
  errors.throwIfAny(IncidentErrors.INVALID_INCIDENT);
  return db.transaction().execute(async (trx) => {
    const { id } = await tables(trx)
      .insertInto('incidents')
      .values({ title, severity: severity!, cause, alert, started_at: startedAt, detected_at: detectedAt, opened_by: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    const incident = Number(id);
    await tables(trx).insertInto('incident_timeline').values({ incident_id: incident, author: actor.name, entry: alert ? `Opened from alert ${alert}` : 'Opened' }).execute();
    await audit(trx, actor, 'incident.open', incident, { severity, cause, alert });
    return incident;
  });
}

/** Locks the incident for the change; a resolved one takes only its postmortem. */
async function lockOpen(trx: Executor, id: number, allowResolved = false) {
  const row = await tables(trx).selectFrom('incidents').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound(IncidentErrors.INCIDENT_NOT_FOUND, `There is no incident ${id}`);
  if (row.status === 'resolved' && !allowResolved) throw conflict(IncidentErrors.INCIDENT_RESOLVED, `Incident ${id} is resolved`);
}

export async function addTimelineEntry(db: Executor, actor: IncidentActor, id: number, entry: string): Promise<void> {
  const errors = new FieldErrors();
  const body = text(errors, 'entry', entry, MAX_TEXT);
  errors.throwIfAny(IncidentErrors.INVALID_INCIDENT);
  await db.transaction().execute(async (trx) => {
    await lockOpen(trx, id);
    await tables(trx).insertInto('incident_timeline').values({ incident_id: id, author: actor.name, entry: body }).execute();
    await audit(trx, actor, 'incident.note', id);
  });
}

/** Severity and cause change as the picture clears; each change is a timeline entry. */
export async function classifyIncident(db: Executor, actor: IncidentActor, id: number, input: { severity: string; cause?: string | undefined }): Promise<void> {
  const errors = new FieldErrors();
  const severity = oneOf<Severity>(errors, 'severity', input.severity, SEVERITIES, true)!;
  const cause = oneOf<Cause>(errors, 'cause', input.cause, CAUSES, false);
  errors.throwIfAny(IncidentErrors.INVALID_INCIDENT);
  await db.transaction().execute(async (trx) => {
    await lockOpen(trx, id, true);
    await tables(trx).updateTable('incidents').set({ severity, cause }).where('id', '=', id).execute();
    await tables(trx).insertInto('incident_timeline').values({ incident_id: id, author: actor.name, entry: `Severity ${severity}, cause ${cause ?? 'unknown'}` }).execute();
    await audit(trx, actor, 'incident.classify', id, { severity, cause });
  });
}

export async function resolveIncident(db: Executor, actor: IncidentActor, id: number, input: { resolution: string }, now = new Date()): Promise<void> {
  const errors = new FieldErrors();
  const resolution = text(errors, 'resolution', input.resolution, MAX_TEXT);
  errors.throwIfAny(IncidentErrors.INVALID_INCIDENT);
  await db.transaction().execute(async (trx) => {
    await lockOpen(trx, id);
    await tables(trx).updateTable('incidents').set({ status: 'resolved', resolved_at: now, resolution }).where('id', '=', id).execute();
    await tables(trx).insertInto('incident_timeline').values({ incident_id: id, author: actor.name, entry: `Resolved: ${resolution}` }).execute();
    await audit(trx, actor, 'incident.resolve', id);
  });
}

/** The postmortem is Markdown, kept as written and rendered safely (postmortem-markdown.ts). */
export async function savePostmortem(db: Executor, actor: IncidentActor, id: number, markdown: string): Promise<void> {
  const errors = new FieldErrors();
  const postmortem = text(errors, 'postmortem', markdown, MAX_POSTMORTEM, false);
  errors.throwIfAny(IncidentErrors.INVALID_INCIDENT);
  await db.transaction().execute(async (trx) => {
    await lockOpen(trx, id, true);
    await tables(trx).updateTable('incidents').set({ postmortem }).where('id', '=', id).execute();
    await audit(trx, actor, 'incident.postmortem', id, { characters: postmortem.length });
  });
}
