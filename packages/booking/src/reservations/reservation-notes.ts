import { recordAudit } from '@hatago/audit';
import type { Executor } from '@hatago/db';
import { requireCapability, type StaffAccount } from '@hatago/identity';
import { FieldErrors } from '@hatago/platform/errors';
import { BookingErrors } from '../booking-errors.ts';

export const RESERVATION_NOTE_ACTION = 'reservation.note';
export const NOTE_MAX = 2000;

export interface ReservationNote {
  operator: Pick<StaffAccount, 'id' | 'name' | 'role'>;
  note: unknown;
  requestId: string;
}

/**
 * Adds a staff note to a reservation, a stay's or a table's (the caller has found it by its
 * code). The note is its own audit entry: append-only by construction, with who wrote it,
 * when and in which request, and shown with the reservation's other history. Nothing edits
 * or deletes one; a correction is another note.
 */
export async function addReservationNote(db: Executor, reservationCode: string, entry: ReservationNote): Promise<string> {
  requireCapability(entry.operator, 'reservations.note');
  const note = typeof entry.note === 'string' ? entry.note.trim() : '';
  const errors = new FieldErrors();
  if (!note) errors.add('note', 'Write the note');
  else if (note.length > NOTE_MAX) errors.add('note', `Keep the note to ${NOTE_MAX} characters`);
  errors.throwIfAny(BookingErrors.INVALID_NOTE);
  await recordAudit(db, {
    actor: { kind: 'operator', id: entry.operator.id, name: entry.operator.name },
    action: RESERVATION_NOTE_ACTION,
    target: { type: 'reservation', id: reservationCode },
    detail: { note },
    requestId: entry.requestId,
  });
  return note;
}
