import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- Internal notices (Slack) travel the same queue as guest mail, so one worker, one
    -- retry policy and one history serve both; recipient is then a Slack channel name.
    alter table mail_messages
      add column channel text not null default 'email' check (channel in ('email', 'slack')),
      add column attempts integer not null default 0,
      -- When the message may next be claimed. While a worker holds it (status 'sending')
      -- this is the lease's end, so an expired lease makes it due again with no sweeper.
      add column next_attempt_at timestamptz not null default now(),
      add column leased_by text,
      add column provider text,
      add column provider_message_id text,
      add column last_error text,
      add column sent_at timestamptz,
      add column updated_at timestamptz not null default now(),
      -- rendered at send time, exactly what the guest received; purged after the retention
      -- period while the metadata and timeline stay
      add column subject text,
      add column body_html text,
      add column body_text text,
      add column body_purged_at timestamptz,
      add constraint mail_messages_status_check check (status in (
        'queued', 'sending', 'sent', 'delivered', 'deferred', 'bounced', 'dropped',
        'failed', 'dead', 'suppressed', 'discarded'));
    drop index mail_messages_queued_idx;
    create index mail_messages_due_idx on mail_messages (next_attempt_at) where status in ('queued', 'sending');

    -- The status timeline: what our workers did and what the provider reported.
    create table mail_events (
      id bigserial primary key,
      message_id bigint not null references mail_messages (id) on delete cascade,
      type text not null,
      occurred_at timestamptz not null default now(),
      source text not null check (source in ('worker', 'provider', 'operator')),
      detail text,
      -- SendGrid delivers webhook batches at least once; the event id makes replays no-ops
      provider_event_id text unique
    );
    create index mail_events_message_idx on mail_events (message_id, occurred_at);

    create table mail_suppressions (
      address text primary key check (address = lower(address)),
      reason text not null check (reason in ('bounce', 'spamreport', 'unsubscribe', 'manual')),
      source_message_id bigint references mail_messages (id) on delete set null,
      created_at timestamptz not null default now()
    );

    -- The dev sink's mailbox: what a real inbox would have received, apart from the
    -- history so that purging bodies there does not empty the developer's mailbox.
    create table mail_sink_messages (
      id bigserial primary key,
      message_id bigint not null references mail_messages (id) on delete cascade,
      sender text not null,
      recipient text not null,
      subject text not null,
      body_html text,
      body_text text not null,
      headers jsonb not null default '{}',
      received_at timestamptz not null default now()
    );
    create index mail_sink_messages_received_idx on mail_sink_messages (received_at desc);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table mail_sink_messages;
    drop table mail_suppressions;
    drop table mail_events;
    drop index mail_messages_due_idx;
    alter table mail_messages
      drop constraint mail_messages_status_check,
      drop column channel, drop column attempts, drop column next_attempt_at, drop column leased_by,
      drop column provider, drop column provider_message_id, drop column last_error, drop column sent_at,
      drop column updated_at, drop column subject, drop column body_html, drop column body_text,
      drop column body_purged_at;
    create index mail_messages_queued_idx on mail_messages (created_at) where status = 'queued';
  `.execute(db);
}
