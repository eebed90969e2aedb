import { type Kysely, sql } from 'kysely';

/**
 * A restaurant's photos, in the order its staff gave them, as hotel_photos for hotels: the
 * key must be one the restaurant itself uploaded (`restaurant-<id>/…`), so no row can show
 * another owner's image, and a restaurant holds each image once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table restaurant_photos (
      id serial primary key,
      restaurant_id integer not null references restaurants(id),
      image_key text not null check (image_key like 'restaurant-' || restaurant_id || '/%'),
      alt_ja text not null,
      alt_en text not null,
      position integer not null,
      created_at timestamptz not null default now(),
      unique (restaurant_id, image_key)
    );
    create index restaurant_photos_restaurant_idx on restaurant_photos (restaurant_id, position)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table restaurant_photos`.execute(db);
}
