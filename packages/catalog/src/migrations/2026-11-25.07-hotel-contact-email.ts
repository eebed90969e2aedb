import { type Kysely, sql } from 'kysely';

/**
 * Where a hotel's front desk receives its new-reservation and cancellation notices.
 * Nullable: a hotel without one simply gets no notice mail (it still sees everything in
 * the facility console). The check is the mail outbox's own address rule, so a stored
 * address can never make the enqueue, and with it the guest's booking, fail.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table hotels add column contact_email text
      check (contact_email ~ '^[^\\s@<>]{1,64}@[^\\s@<>]{1,189}\\.[^\\s@<>]{2,}$')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table hotels drop column contact_email`.execute(db);
}
