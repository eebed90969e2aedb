import type { Kysely } from 'kysely';
import { normalisePersonName } from '@hatago/platform/input';

const BATCH = 1000;

/**
 * Names are normalised on input since issue 16 (finding 8); reservations booked before keep
 * zero-width and bidi characters that hide them from staff search until rewritten the same
 * way. In JavaScript, not SQL, so stored names and future input agree exactly. A name made
 * of nothing but invisible characters stays as it was rather than becoming empty.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (let after = 0; ; ) {
    const rows: { id: number; guest_name: string; guest_name_latin: string }[] = await db
      .selectFrom('reservations')
      .select(['id', 'guest_name', 'guest_name_latin'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const name = normalisePersonName(row.guest_name) || row.guest_name;
      const nameLatin = normalisePersonName(row.guest_name_latin) || row.guest_name_latin;
      if (name === row.guest_name && nameLatin === row.guest_name_latin) continue;
      await db.updateTable('reservations').set({ guest_name: name, guest_name_latin: nameLatin }).where('id', '=', row.id).execute();
    }
    after = Number(rows.at(-1)!.id);
  }
}

/** Nothing to undo: the removed characters were never meant to be there, and are not kept. */
export async function down(): Promise<void> {}
