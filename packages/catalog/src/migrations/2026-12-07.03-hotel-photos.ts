import { type Kysely, sql } from 'kysely';

/**
 * A hotel's photos, in the order its staff gave them. The image itself lives in object
 * storage under its key (packages/images); the key must be one the hotel itself uploaded
 * (`hotel-<id>/…`), so no row can show another owner's image, and a hotel holds each image once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table hotel_photos (
      id serial primary key,
      hotel_id integer not null references hotels(id),
      image_key text not null check (image_key like 'hotel-' || hotel_id || '/%'),
      alt_ja text not null,
      alt_en text not null,
      position integer not null,
      created_at timestamptz not null default now(),
      unique (hotel_id, image_key)
    );
    create index hotel_photos_hotel_idx on hotel_photos (hotel_id, position)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table hotel_photos`.execute(db);
}
