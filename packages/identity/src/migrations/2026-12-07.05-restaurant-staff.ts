import { type Kysely, sql } from 'kysely';

/**
 * A facility account runs one hotel or one restaurant, never both and never none; the
 * restaurants table is dining's, migrated before this.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table staff_accounts add column restaurant_id integer references restaurants(id);
    alter table staff_accounts drop constraint staff_accounts_check;
    alter table staff_accounts add constraint staff_accounts_scope_check check (
      (kind = 'facility' and role is null and (hotel_id is null) <> (restaurant_id is null))
      or (kind = 'operator' and hotel_id is null and restaurant_id is null and role is not null)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    delete from staff_accounts where restaurant_id is not null;
    alter table staff_accounts drop constraint staff_accounts_scope_check;
    alter table staff_accounts drop column restaurant_id;
    alter table staff_accounts add constraint staff_accounts_check check (
      (kind = 'facility' and hotel_id is not null and role is null) or (kind = 'operator' and hotel_id is null and role is not null)
    );
  `.execute(db);
}
