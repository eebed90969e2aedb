import { type Executor, tablesOf } from '@hatago/db';
import { notFound } from '@hatago/platform/errors';
import { IncidentErrors } from './incident-errors.ts';
import type { Cause, IncidentTables, Severity } from './incident-tables.ts';

export interface Incident {
  id: number;
  title: string;
  severity: Severity;
  cause: Cause | null;
  status: 'open' | 'resolved';
  alert: string | null;
  startedAt: Date;
  detectedAt: Date;
  resolvedAt: Date | null;
  resolution: string | null;
  postmortem: string;
  openedBy: string;
}

export interface TimelineEntry {
  at: Date;
  author: string;
  entry: string;
}

const COLUMNS = ['id', 'title', 'severity', 'cause', 'status', 'alert', 'started_at', 'detected_at', 'resolved_at', 'resolution', 'postmortem', 'opened_by'] as const;

const toIncident = (r: { id: number; title: string; severity: Severity; cause: Cause | null; status: 'open' | 'resolved'; alert: string | null; started_at: Date; detected_at: Date; resolved_at: Date | null; resolution: string | null; postmortem: string; opened_by: string }): Incident => ({
  id: Number(r.id),
  title: r.title,
  severity: r.severity,
  cause: r.cause,
  status: r.status,
  alert: r.alert,
  startedAt: new Date(r.started_at),
  detectedAt: new Date(r.detected_at),
  resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
  resolution: r.resolution,
  postmortem: r.postmortem,
  openedBy: r.opened_by,
});

/** Newest first; open ones before resolved ones. */
export async function listIncidents(db: Executor, limit = 100): Promise<Incident[]> {
  const rows = await tablesOf<IncidentTables>(db).selectFrom('incidents').select(COLUMNS).orderBy('status', 'asc').orderBy('started_at', 'desc').limit(limit).execute();
  return rows.map(toIncident);
}

export async function getIncident(db: Executor, id: number): Promise<{ incident: Incident; timeline: TimelineEntry[] }> {
  const row = await tablesOf<IncidentTables>(db).selectFrom('incidents').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(IncidentErrors.INCIDENT_NOT_FOUND, `There is no incident ${id}`);
  const timeline = await tablesOf<IncidentTables>(db).selectFrom('incident_timeline').select(['at', 'author', 'entry']).where('incident_id', '=', id).orderBy('at').orderBy('id').execute();
  return { incident: toIncident(row), timeline: timeline.map((t) => ({ ...t, at: new Date(t.at) })) };
}
