import { type Kysely, sql } from 'kysely';

/**
 * What a plan charges a guest who never arrives, percent of the whole stay's total. Hotels
 * charge either the first night or the full stay; Hatago takes the full stay (100) for
 * every plan unless the hotel lowers it, because the rooms stood empty for every night a
 * no-show held before anyone could resell them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table rate_plans add column no_show_fee_percent integer not null default 100
      check (no_show_fee_percent between 0 and 100)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table rate_plans drop column no_show_fee_percent`.execute(db);
}
