import type { AuditRecord } from '@hatago/audit';
import { MODIFY_ACTION, RESEND_CONFIRMATION_ACTION, RESERVATION_NOTE_ACTION } from '@hatago/booking';
import type { MailSummary } from '@hatago/mail';

export type TimelineActor = { kind: 'guest' | 'staff' | 'facility' | 'system'; name: string };

/** One thing that happened to a reservation, whoever did it. */
export interface TimelineEvent {
  at: string;
  actor: TimelineActor;
  what: string;
  audit?: AuditRecord;
  mail?: MailSummary;
}

/** What a stay's or a table's own row says about its life: enough for the guest's side of the story. */
export interface ReservationLife {
  createdAt: string;
  memberId: number | null;
  status: string;
  cancelledAt: string | null;
  cancelledBy: 'guest' | 'operator' | null;
}

/** Reading a reservation is audited but changes nothing: the page lists those apart. */
export const isStaffView = (entry: AuditRecord) => entry.action === 'reservation.view';

export const isNote = (entry: AuditRecord) => entry.action === RESERVATION_NOTE_ACTION;

const STAFF_ACTIONS: Record<string, (entry: AuditRecord) => string> = {
  'reservation.cancel': (e) => (e.detail?.waived === true ? 'Cancelled on the guest’s behalf, fee waived' : 'Cancelled on the guest’s behalf'),
  [RESEND_CONFIRMATION_ACTION]: () => 'Resent the booking confirmation',
  [RESERVATION_NOTE_ACTION]: () => 'Note',
  [MODIFY_ACTION]: () => 'Changed the stay',
  'reservation.check_in': () => 'Checked in',
  'reservation.check_out': () => 'Checked out',
  'reservation.no_show': () => 'Marked as a no-show',
  'table_reservation.accept': () => 'Accepted the request',
  'table_reservation.decline': () => 'Declined the request',
};

function guestEvents(r: ReservationLife, audits: AuditRecord[]): TimelineEvent[] {
  const guest: TimelineActor = { kind: 'guest', name: r.memberId === null ? 'guest' : `guest (member #${r.memberId})` };
  const events: TimelineEvent[] = [{ at: r.createdAt, actor: guest, what: 'Booked' }];
  if (r.status === 'cancelled' && r.cancelledAt) {
    // an operator's cancellation is told by its audit entry, with the staff member's name and reason
    const audited = r.cancelledBy === 'operator' && audits.some((a) => a.action === 'reservation.cancel');
    if (!audited) events.push({ at: r.cancelledAt, actor: r.cancelledBy === 'operator' ? { kind: 'staff', name: 'staff' } : guest, what: 'Cancelled' });
  }
  return events;
}

const auditEvent = (entry: AuditRecord): TimelineEvent => ({
  at: entry.at,
  actor: { kind: entry.actor.kind === 'facility' ? 'facility' : 'staff', name: entry.actor.name },
  what: STAFF_ACTIONS[entry.action]?.(entry) ?? entry.action,
  audit: entry,
});

const mailEvent = (mail: MailSummary): TimelineEvent => ({ at: mail.createdAt, actor: { kind: 'system', name: 'system' }, what: 'Mail queued', mail });

/** Ties (a booking and its mails share their transaction's clock) keep cause before effect, and mails in the order queued. */
const RANK: Record<TimelineActor['kind'], number> = { guest: 0, staff: 1, facility: 1, system: 2 };

/**
 * The reservation's history in one list, newest first: the guest's own actions from its row,
 * staff and restaurant actions from the audit log (reads left out), and every mail about it.
 */
export function reservationTimeline(r: ReservationLife, audits: AuditRecord[], mails: MailSummary[]): TimelineEvent[] {
  const events = [...guestEvents(r, audits), ...audits.filter((a) => !isStaffView(a)).map(auditEvent), ...mails.map(mailEvent)];
  return events.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || RANK[b.actor.kind] - RANK[a.actor.kind] || (b.mail?.id ?? 0) - (a.mail?.id ?? 0));
}
