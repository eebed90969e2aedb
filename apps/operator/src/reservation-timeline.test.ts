import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditRecord } from '@hatago/audit';
import type { MailSummary } from '@hatago/mail';
import { reservationTimeline, type ReservationLife } from './reservation-timeline.ts';

const booked: ReservationLife = { createdAt: '2026-12-01T01:00:00.000Z', memberId: null, status: 'confirmed', cancelledAt: null, cancelledBy: null };
const audit = (id: number, at: string, action: string, detail: Record<string, unknown> = {}, kind: 'operator' | 'facility' = 'operator'): AuditRecord => ({
  id, at, action, detail, actor: { kind, id: 7, name: kind === 'operator' ? 'Aiko Support' : 'Kyoto Kitchen' }, target: { type: 'reservation', id: 'HT1' }, requestId: `r${id}`,
});
const mail = (id: number, at: string, template: string): MailSummary => ({ id, template, recipient: 'guest@example.com', status: 'sent', createdAt: at });
const lines = (events: ReturnType<typeof reservationTimeline>) => events.map((e) => `${e.at.slice(11, 16)} ${e.actor.kind}/${e.actor.name}: ${e.what}${e.mail ? ` ${e.mail.template}` : ''}`);

describe('a reservation timeline', () => {
  it('merges the guest\u2019s own actions, staff actions and mails, newest first, reads left out', () => {
    const life: ReservationLife = { ...booked, memberId: 42, status: 'cancelled', cancelledAt: '2026-12-03T02:00:00.000Z', cancelledBy: 'guest' };
    const events = reservationTimeline(
      life,
      [audit(3, '2026-12-02T05:00:00.000Z', 'reservation.confirmation.resend'), audit(2, '2026-12-02T04:00:00.000Z', 'reservation.view')],
      [mail(1, '2026-12-01T01:00:00.000Z', 'facility-new-reservation'), mail(2, '2026-12-01T01:00:00.000Z', 'reservation-confirmation'), mail(5, '2026-12-03T02:00:00.000Z', 'reservation-cancellation')],
    );
    assert.deepEqual(lines(events), [
      '02:00 system/system: Mail queued reservation-cancellation',
      '02:00 guest/guest (member #42): Cancelled',
      '05:00 staff/Aiko Support: Resent the booking confirmation',
      '01:00 system/system: Mail queued reservation-confirmation',
      '01:00 system/system: Mail queued facility-new-reservation',
      '01:00 guest/guest (member #42): Booked',
    ]);
  });

  it('tells an operator\u2019s cancellation once, by its audit entry with the staff member and the waiver', () => {
    const life: ReservationLife = { ...booked, status: 'cancelled', cancelledAt: '2026-12-02T03:00:00.000Z', cancelledBy: 'operator' };
    const events = reservationTimeline(life, [audit(9, '2026-12-02T03:00:00.000Z', 'reservation.cancel', { reason: 'Typhoon', fee: 0, waived: true })], []);
    assert.deepEqual(lines(events), ['03:00 staff/Aiko Support: Cancelled on the guest\u2019s behalf, fee waived', '01:00 guest/guest: Booked']);
    assert.deepEqual(lines(reservationTimeline(life, [], [])), ['03:00 staff/staff: Cancelled', '01:00 guest/guest: Booked'], 'without its entry the row still tells it');
  });

  it('names the restaurant when it answered a request', () => {
    const events = reservationTimeline({ ...booked, status: 'declined' }, [audit(4, '2026-12-01T06:00:00.000Z', 'table_reservation.decline', { party: 2 }, 'facility')], []);
    assert.deepEqual(lines(events), ['06:00 facility/Kyoto Kitchen: Declined the request', '01:00 guest/guest: Booked']);
  });
});
