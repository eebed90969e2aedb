import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table members (
      id bigserial primary key,
      email text not null,
      name text not null,
      name_latin text not null,
      phone text not null,
      password_hash text not null,
      created_at timestamptz not null default now()
    );
    create unique index members_email_idx on members (lower(email));

    -- facility staff belong to one hotel; operators have a role instead
    create table staff_accounts (
      id bigserial primary key,
      login text not null,
      name text not null,
      kind text not null check (kind in ('facility', 'operator')),
      hotel_id integer references hotels(id),
      role text check (role in ('support', 'admin')),
      password_hash text not null,
      created_at timestamptz not null default now(),
      check ((kind = 'facility' and hotel_id is not null and role is null)
          or (kind = 'operator' and hotel_id is null and role is not null))
    );
    create unique index staff_accounts_login_idx on staff_accounts (kind, lower(login));

    -- only a hash of the cookie's token is kept, so a database read does not yield sessions
    create table sessions (
      token_hash text primary key,
      subject_kind text not null check (subject_kind in ('member', 'facility', 'operator')),
      subject_id bigint not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_expiry_idx on sessions (expires_at);

    create table login_throttle (
      key text primary key,
      failures integer not null,
      window_started_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table login_throttle, sessions, staff_accounts, members`.execute(db);
}
