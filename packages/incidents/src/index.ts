import type { ModuleMigrations } from '@hatago/db';
import * as incidents from './migrations/2026-12-07.01-incidents.ts';

export { addTimelineEntry, classifyIncident, openIncident, resolveIncident, savePostmortem, type IncidentActor, type OpenIncident } from './incident-commands.ts';
export { getIncident, listIncidents, type Incident, type TimelineEntry } from './incident-queries.ts';
export { halfYearReport, type HalfYearRow } from './half-year-report.ts';
export { renderPostmortem } from './postmortem-markdown.ts';
export { IncidentErrors } from './incident-errors.ts';
export { CAUSES, SEVERITIES, type Cause, type IncidentTables, type Severity } from './incident-tables.ts';
export const incidentMigrations: ModuleMigrations = { '2026-12-07.01-incidents': incidents };
