import { type Kysely, sql } from 'kysely';

/**
 * How a plan is paid: at the hotel (the default, as every plan was sold so far), or held
 * by a card guarantee at booking, as luxury hotels ask of plans they cannot resell late.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table rate_plans add column guarantee_required boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table rate_plans drop column guarantee_required`.execute(db);
}
