import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table areas (
      id text primary key check (id ~ '^[a-z][a-z0-9-]{1,40}$'),
      name_ja text not null,
      name_en text not null,
      sort_order integer not null default 0
    );

    create table hotels (
      id serial primary key,
      area_id text not null references areas(id),
      name_ja text not null,
      name_en text not null,
      description_ja text not null default '',
      description_en text not null default '',
      address text not null default '',
      stars smallint not null default 4 check (stars between 1 and 5),
      recommendation integer not null default 0,
      checkin_time text not null default '15:00',
      checkout_time text not null default '11:00',
      created_at timestamptz not null default now()
    );
    create index hotels_area_idx on hotels (area_id);

    create table room_types (
      id serial primary key,
      hotel_id integer not null references hotels(id),
      name_ja text not null,
      name_en text not null,
      capacity smallint not null check (capacity between 1 and 8),
      size_sqm smallint not null default 30 check (size_sqm > 0),
      description text not null default '',
      sort_order integer not null default 0,
      created_at timestamptz not null default now()
    );
    create index room_types_hotel_idx on room_types (hotel_id);

    create table rate_plans (
      id serial primary key,
      room_type_id integer not null references room_types(id),
      name_ja text not null,
      name_en text not null,
      meals text not null check (meals in ('room_only', 'breakfast', 'half_board')),
      free_cancel_days integer not null default 3 check (free_cancel_days between 0 and 365),
      cancel_fee_percent integer not null default 100 check (cancel_fee_percent between 0 and 100),
      -- the stay dates the plan is sold for; open-ended when null
      sale_start date,
      sale_end date,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      check (sale_start is null or sale_end is null or sale_start <= sale_end)
    );
    create index rate_plans_room_type_idx on rate_plans (room_type_id);

    -- price of one room for one night of one plan, in integer yen
    create table plan_prices (
      plan_id integer not null references rate_plans(id),
      stay_date date not null,
      price integer not null check (price > 0),
      primary key (plan_id, stay_date)
    );

    -- rooms of a type offered per night; reserved can never exceed what is offered
    create table room_inventory (
      room_type_id integer not null references room_types(id),
      stay_date date not null,
      total integer not null check (total >= 0),
      reserved integer not null default 0 check (reserved >= 0),
      stop_sell boolean not null default false,
      primary key (room_type_id, stay_date),
      constraint room_inventory_not_overbooked check (reserved <= total)
    );
    create index room_inventory_date_idx on room_inventory (stay_date);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table room_inventory, plan_prices, rate_plans, room_types, hotels, areas`.execute(db);
}
