import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table incidents (
      id bigserial primary key,
      title text not null,
      severity text not null check (severity in ('sev1', 'sev2', 'sev3')),
      -- unknown while it is being fought; the half-year report counts causes
      cause text check (cause in ('infrastructure', 'product', 'external')),
      status text not null default 'open' check (status in ('open', 'resolved')),
      -- 'SloErrorBudgetBurnFast/booking-availability' when opened from an alert
      alert text,
      started_at timestamptz not null,
      detected_at timestamptz not null,
      resolved_at timestamptz,
      resolution text,
      postmortem text not null default '',
      opened_by text not null,
      created_at timestamptz not null default now(),
      check (detected_at >= started_at),
      check (resolved_at is null or resolved_at >= detected_at),
      check ((status = 'resolved') = (resolved_at is not null))
    );
    create index incidents_started_idx on incidents (started_at desc);
    create table incident_timeline (
      id bigserial primary key,
      incident_id bigint not null references incidents (id),
      at timestamptz not null default now(),
      author text not null,
      entry text not null
    );
    create index incident_timeline_incident_idx on incident_timeline (incident_id, at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table incident_timeline; drop table incidents`.execute(db);
}
