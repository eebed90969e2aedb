import { getSavedGuest, listSavedGuests, type Member } from '@hatago/identity';
import type { Database } from '@hatago/db';
import type { SavedGuestChoice } from './saved-guest-views.ts';

/**
 * The member's saved guests for a booking form, with the one its `savedGuest` parameter
 * names. An id that is not one of theirs chooses nobody: the form opens with the member's
 * own details, as it would for an id that never existed.
 */
export async function savedGuestChoiceOf(database: Database, member: Member | undefined, savedGuest: string | undefined): Promise<SavedGuestChoice | undefined> {
  if (!member) return undefined;
  const guests = await listSavedGuests(database.db, member.id);
  const chosen = savedGuest ? await getSavedGuest(database.db, member.id, savedGuest).catch(() => undefined) : undefined;
  return { guests, chosen };
}
