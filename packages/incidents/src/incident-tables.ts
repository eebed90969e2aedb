import type { Generated } from 'kysely';

export const SEVERITIES = ['sev1', 'sev2', 'sev3'] as const;
export const CAUSES = ['infrastructure', 'product', 'external'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Cause = (typeof CAUSES)[number];

export interface IncidentTables {
  incidents: {
    id: Generated<number>;
    title: string;
    severity: Severity;
    cause: Cause | null;
    status: Generated<'open' | 'resolved'>;
    alert: string | null;
    started_at: Date;
    detected_at: Date;
    resolved_at: Date | null;
    resolution: string | null;
    postmortem: Generated<string>;
    opened_by: string;
    created_at: Generated<Date>;
  };
  incident_timeline: {
    id: Generated<number>;
    incident_id: number;
    at: Generated<Date>;
    author: string;
    entry: string;
  };
}
