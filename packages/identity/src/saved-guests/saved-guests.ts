import type { Selectable } from 'kysely';
import { type Executor, tablesOf } from '@hatago/db';
import { DomainError } from '@hatago/platform/errors';
import { parseContact } from '../contact/contact-details.ts';
import { IdentityErrors } from '../identity-errors.ts';
import type { IdentityTables } from '../identity-tables.ts';

/** A companion a member books for: the contact details a booking form asks, the address optional. */
export interface SavedGuest {
  id: number;
  name: string;
  nameLatin: string;
  phone: string;
  /** '' when the companion has none: their bookings go to the member's address. */
  email: string;
}

/** Enough for a family and the friends one travels with, few enough for one select. */
export const SAVED_GUESTS_PER_MEMBER = 20;

type Input = { name?: unknown; nameLatin?: unknown; phone?: unknown; email?: unknown };

const notFound = () => new DomainError('not_found', IdentityErrors.SAVED_GUEST_NOT_FOUND, 'No such saved guest');

function parseSavedGuest(input: Input) {
  try {
    return parseContact(input, { requireLatin: true, optionalEmail: true });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError('invalid', IdentityErrors.INVALID_SAVED_GUEST, 'The guest details are not valid', error.fields);
  }
}

const toSavedGuest = (row: Selectable<IdentityTables['saved_guests']>): SavedGuest => ({
  id: Number(row.id),
  name: row.name,
  nameLatin: row.name_latin,
  phone: row.phone,
  email: row.email ?? '',
});

/** A member's saved guests, in the order they were saved. */
export async function listSavedGuests(db: Executor, memberId: number): Promise<SavedGuest[]> {
  const rows = await tablesOf<IdentityTables>(db).selectFrom('saved_guests').selectAll().where('member_id', '=', memberId).orderBy('id').execute();
  return rows.map(toSavedGuest);
}

/**
 * One of the member's saved guests. Another member's id, or an id that is not a number,
 * is not found alike: nobody learns which ids exist.
 */
export async function getSavedGuest(db: Executor, memberId: number, id: unknown): Promise<SavedGuest> {
  const guestId = savedGuestId(id);
  if (guestId === undefined) throw notFound();
  const row = await tablesOf<IdentityTables>(db).selectFrom('saved_guests').selectAll().where('id', '=', guestId).where('member_id', '=', memberId).executeTakeFirst();
  if (!row) throw notFound();
  return toSavedGuest(row);
}

export async function addSavedGuest(db: Executor, memberId: number, input: Input): Promise<SavedGuest> {
  const contact = parseSavedGuest(input);
  return db.transaction().execute(async (trx) => {
    const t = tablesOf<IdentityTables>(trx);
    // the member's row, locked, so two saves at once cannot both take the last place
    await t.selectFrom('members').select('id').where('id', '=', memberId).forUpdate().executeTakeFirstOrThrow();
    const { count } = await t.selectFrom('saved_guests').select((eb) => eb.fn.countAll<string>().as('count')).where('member_id', '=', memberId).executeTakeFirstOrThrow();
    if (Number(count) >= SAVED_GUESTS_PER_MEMBER) {
      const message = `Save at most ${SAVED_GUESTS_PER_MEMBER} guests`;
      throw new DomainError('invalid', IdentityErrors.INVALID_SAVED_GUEST, message, [{ field: 'form', message }]);
    }
    const row = await t
      .insertInto('saved_guests')
      .values({ member_id: memberId, name: contact.name, name_latin: contact.nameLatin, phone: contact.phone, email: contact.email || null })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSavedGuest(row);
  });
}

export async function updateSavedGuest(db: Executor, memberId: number, id: unknown, input: Input): Promise<SavedGuest> {
  const guestId = savedGuestId(id);
  if (guestId === undefined) throw notFound();
  const contact = parseSavedGuest(input);
  const row = await tablesOf<IdentityTables>(db)
    .updateTable('saved_guests')
    .set({ name: contact.name, name_latin: contact.nameLatin, phone: contact.phone, email: contact.email || null, updated_at: new Date() })
    .where('id', '=', guestId)
    .where('member_id', '=', memberId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound();
  return toSavedGuest(row);
}

export async function removeSavedGuest(db: Executor, memberId: number, id: unknown): Promise<void> {
  const guestId = savedGuestId(id);
  if (guestId === undefined) throw notFound();
  const result = await tablesOf<IdentityTables>(db).deleteFrom('saved_guests').where('id', '=', guestId).where('member_id', '=', memberId).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound();
}

/** An id as a form or URL carries it; anything else (too long for bigint, signs, words) is no id. */
function savedGuestId(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  return /^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : undefined;
}
