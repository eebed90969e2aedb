import { type Kysely, sql } from 'kysely';

/**
 * What a hotel offers and its house rules. Amenities are codes of the one list in
 * packages/catalog/src/hotels/hotel-amenities.ts (the check keeps their shape; the list
 * itself may grow without a migration). Policies default to what an existing hotel most
 * likely is: children welcome, non-smoking, no access text yet.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table hotel_amenities (
      hotel_id integer not null references hotels(id),
      amenity text not null check (amenity ~ '^[a-z][a-z-]{1,40}$'),
      primary key (hotel_id, amenity)
    );
    create index hotel_amenities_amenity_idx on hotel_amenities (amenity, hotel_id);
    alter table hotels
      add column children_min_age smallint not null default 0 check (children_min_age between 0 and 18),
      add column smoking_policy text not null default 'non_smoking'
        check (smoking_policy in ('non_smoking', 'smoking_rooms', 'smoking_area')),
      add column access_ja text not null default '',
      add column access_en text not null default ''`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table hotel_amenities;
    alter table hotels drop column children_min_age, drop column smoking_policy, drop column access_ja, drop column access_en`.execute(db);
}
