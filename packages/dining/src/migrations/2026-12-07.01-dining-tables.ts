import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table restaurants (
      id serial primary key,
      area_id text not null references areas(id),
      name_ja text not null,
      name_en text not null,
      cuisine text not null check (cuisine in ('kaiseki', 'sushi', 'french', 'italian', 'teppanyaki', 'chinese', 'tempura', 'yakitori')),
      price_band smallint not null check (price_band between 1 and 5),
      address text not null default '',
      description_ja text not null default '',
      description_en text not null default '',
      -- a bit per ISO weekday: 1 << 0 Monday … 1 << 6 Sunday
      open_weekdays smallint not null check (open_weekdays between 1 and 127),
      opens_at text not null check (opens_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      closes_at text not null check (closes_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      -- sold by the seat (seats is the room's count) or by the table (restaurant_tables)
      capacity_mode text not null check (capacity_mode in ('seats', 'tables')),
      seats smallint check (seats between 1 and 500),
      -- 'request': a booking holds its seats but waits for the restaurant to accept it
      booking_mode text not null check (booking_mode in ('instant', 'request')),
      contact_email text not null,
      recommendation integer not null default 0,
      created_at timestamptz not null default now(),
      check ((capacity_mode = 'seats') = (seats is not null))
    );
    create index restaurants_area_idx on restaurants (area_id, cuisine);

    -- tables of one size; a party smaller than min_party is not sold that table
    create table restaurant_tables (
      restaurant_id integer not null references restaurants(id),
      seats smallint not null check (seats between 1 and 20),
      tables smallint not null check (tables between 1 and 100),
      min_party smallint not null,
      primary key (restaurant_id, seats),
      check (min_party between 1 and seats)
    );

    create table restaurant_holidays (
      restaurant_id integer not null references restaurants(id),
      holiday date not null,
      primary key (restaurant_id, holiday)
    );

    -- a seating is one turn of the whole room: a restaurant's seatings do not overlap
    create table restaurant_seatings (
      id serial primary key,
      restaurant_id integer not null references restaurants(id),
      starts_at text not null check (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      duration_minutes smallint not null check (duration_minutes between 30 and 480),
      unique (restaurant_id, starts_at)
    );

    create table restaurant_courses (
      id serial primary key,
      restaurant_id integer not null references restaurants(id),
      name_ja text not null,
      name_en text not null,
      description_ja text not null default '',
      description_en text not null default '',
      price_per_person integer not null check (price_per_person >= 0),
      -- a table without a set menu; its price is a seat charge, often zero
      seat_only boolean not null default false,
      min_party smallint not null check (min_party >= 1),
      max_party smallint not null,
      -- the weekdays it is offered, bits as restaurants.open_weekdays
      weekdays smallint not null check (weekdays between 1 and 127),
      -- served at the seatings starting within these times (lunch or dinner courses)
      served_from text not null default '00:00',
      served_until text not null default '23:59',
      -- bookable from advance_days before the date up to cutoff_minutes before the seating
      advance_days smallint not null check (advance_days between 1 and 365),
      cutoff_minutes integer not null check (cutoff_minutes between 0 and 10080),
      -- [{ "withinHours": 24, "percent": 50 }, …]: the highest rule whose window has begun applies
      cancel_fees jsonb not null default '[]',
      active boolean not null default true,
      sort_order integer not null default 0,
      check (max_party between min_party and 20)
    );
    create index restaurant_courses_restaurant_idx on restaurant_courses (restaurant_id);

    -- what one seating on one date has sold, per table size (table_seats 0: the seat pool);
    -- created from the restaurant's capacity when first booked, so no calendar is seeded
    create table seating_stock (
      seating_id integer not null references restaurant_seatings(id),
      service_date date not null,
      table_seats smallint not null check (table_seats >= 0),
      total integer not null check (total >= 0),
      reserved integer not null default 0 check (reserved >= 0),
      primary key (seating_id, service_date, table_seats),
      constraint seating_stock_not_overbooked check (reserved <= total)
    );

    create table table_reservations (
      id bigserial primary key,
      code text not null unique,
      status text not null check (status in ('confirmed', 'requested', 'cancelled')),
      restaurant_id integer not null references restaurants(id),
      course_id integer not null references restaurant_courses(id),
      seating_id integer not null references restaurant_seatings(id),
      service_date date not null,
      party smallint not null check (party between 1 and 20),
      -- what it holds in seating_stock: a table of this size, or party seats when 0
      table_seats smallint not null,
      guest_name text not null,
      guest_name_latin text not null,
      email text not null,
      phone text not null,
      requests text not null default '',
      member_id bigint references members(id),
      locale text not null default 'en' check (locale in ('ja', 'en')),
      -- what was sold, frozen: later edits of the restaurant or course do not change a booking's terms
      restaurant_name text not null,
      course_name text not null,
      seating_time text not null,
      duration_minutes smallint not null,
      price_per_person integer not null,
      total_price integer not null check (total_price >= 0),
      cancel_fees jsonb not null,
      cancel_fee integer,
      cancelled_at timestamptz,
      cancelled_by text check (cancelled_by in ('guest', 'operator')),
      created_at timestamptz not null default now()
    );
    create index table_reservations_restaurant_date_idx on table_reservations (restaurant_id, service_date);
    create index table_reservations_email_idx on table_reservations (lower(email));

    -- as booking_idempotency: claimed first, naming the code the reservation will have
    create table dining_idempotency (
      key text primary key,
      request_hash text not null,
      reservation_code text not null,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table dining_idempotency, table_reservations, seating_stock, restaurant_courses,
      restaurant_seatings, restaurant_holidays, restaurant_tables, restaurants
  `.execute(db);
}
