import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table reservations (
      id bigserial primary key,
      code text not null unique,
      status text not null check (status in ('confirmed', 'cancelled')),
      hotel_id integer not null references hotels(id),
      room_type_id integer not null references room_types(id),
      plan_id integer not null references rate_plans(id),
      checkin date not null,
      nights integer not null check (nights between 1 and 14),
      guests integer not null check (guests between 1 and 8),
      rooms integer not null check (rooms between 1 and 8),
      guest_name text not null,
      guest_name_latin text not null,
      email text not null,
      phone text not null,
      member_id bigint references members(id),
      locale text not null default 'en' check (locale in ('ja', 'en')),
      total_price integer not null check (total_price >= 0),
      -- what was sold, frozen: later plan edits do not change a booking's terms
      hotel_name text not null,
      room_type_name text not null,
      plan_name text not null,
      meals text not null,
      free_cancel_days integer not null,
      cancel_fee_percent integer not null,
      cancel_fee integer,
      cancelled_at timestamptz,
      cancelled_by text check (cancelled_by in ('guest', 'operator')),
      created_at timestamptz not null default now()
    );
    create index reservations_hotel_checkin_idx on reservations (hotel_id, checkin);
    create index reservations_email_idx on reservations (lower(email));
    create index reservations_member_idx on reservations (member_id) where member_id is not null;
    create index reservations_checkin_idx on reservations (checkin);

    create table reservation_nights (
      reservation_id bigint not null references reservations(id),
      stay_date date not null,
      price integer not null,
      primary key (reservation_id, stay_date)
    );

    -- a retried booking request returns the reservation its key made the first time
    -- claimed first in the booking transaction (a concurrent request with the same key
    -- waits on this row), naming the code the reservation will have
    create table booking_idempotency (
      key text primary key,
      request_hash text not null,
      reservation_code text not null,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table booking_idempotency, reservation_nights, reservations`.execute(db);
}
