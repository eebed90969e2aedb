import { type Kysely, sql } from 'kysely';

/**
 * Room details a guest compares rooms by. Bed type and view are codes of the lists in
 * packages/catalog/src/hotels/room-details.ts (the checks keep their shape; the lists may grow
 * without a migration), null while the hotel has not said. The existing `description` stays
 * the Japanese text (the site's first language) under its name, so instances of the previous
 * release keep reading and writing it during a rolling deploy; `description_en` joins it.
 * The size range is enforced for every write from now on (`not valid`): a room stored before
 * with an odd size still migrates, and its next edit must correct it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table room_types
      add column bed_type text check (bed_type ~ '^[a-z][a-z-]{1,40}$'),
      add column room_view text check (room_view ~ '^[a-z][a-z-]{1,40}$'),
      add column description_en text not null default '';
    alter table room_types add constraint room_types_size_sqm_range check (size_sqm between 10 and 500) not valid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table room_types drop constraint room_types_size_sqm_range;
    alter table room_types drop column bed_type, drop column room_view, drop column description_en`.execute(db);
}
