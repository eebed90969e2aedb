import type { AuditRecord } from '@hatago/audit';
import { FRONT_DESK_ACTIONS, type Reservation } from '@hatago/booking';
import { html, type SafeHtml } from '@hatago/platform/html';
import { guaranteeStateLabel, stayStatusLabel, tokyoTime, yen } from '@hatago/web-kit';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The party as the front desk counts it: adults, then children when there are any. */
const partyText = (r: Reservation) => `${plural(r.adults, 'adult', 'adults')}${r.children ? `, ${plural(r.children, 'child', 'children')}` : ''}`;

/** One front desk step as staff read it: what, when in Tokyo, and who, from its audit entry. */
function deskStep(status: keyof typeof FRONT_DESK_ACTIONS, at: string | null, audits: AuditRecord[]): string {
  const entry = audits.filter((a) => a.action === FRONT_DESK_ACTIONS[status]).sort((a, b) => b.id - a.id)[0];
  const who = entry ? ` by ${entry.actor.name} (${entry.actor.kind})` : '';
  return `${stayStatusLabel(status)}${at ? ` ${tokyoTime(at, 'minute')}` : ''}${who}`;
}

/** Where the front desk is with the stay: not arrived yet, or each step taken with when and by whom. */
function frontDeskText(r: Reservation, audits: AuditRecord[]): string {
  if (r.status === 'cancelled') return 'None: cancelled before arrival';
  if (r.status === 'confirmed') return 'Not checked in yet';
  if (r.status === 'no_show') return `${deskStep('no_show', r.noShowAt, audits)}; fee ${yen(r.noShowFee ?? 0)}`;
  const steps = [deskStep('checked_in', r.checkedInAt, audits)];
  if (r.status === 'checked_out') steps.push(deskStep('checked_out', r.checkedOutAt, audits));
  return steps.join('; ');
}

/**
 * What the guest told the hotel at booking (party, arrival, requests, consent), how the
 * stay is paid (the card named by brand and last four only, and where its guarantee
 * stands) and the front desk's steps, as `<dt>`/`<dd>` rows of the stay's facts.
 */
export function stayDetailRows(r: Reservation, audits: AuditRecord[]): SafeHtml {
  return html`<dt>Party</dt><dd data-testid="party">${partyText(r)}</dd>
    <dt>Rooms</dt><dd>${r.rooms}</dd>
    <dt>Estimated arrival</dt><dd data-testid="arrival-time">${r.arrivalTime ?? 'Not given'}</dd>
    <dt>Special requests</dt><dd data-testid="requests">${r.requests ?? 'None'}</dd>
    <dt>Terms accepted</dt><dd data-testid="consent">${r.termsAcceptedAt ? tokyoTime(r.termsAcceptedAt, 'minute') : 'Not recorded (booked before consent was recorded)'}</dd>
    <dt>Card guarantee</dt><dd data-testid="guarantee">${r.payment.kind === 'guarantee' ? guaranteeStateLabel(r.payment) : 'None: paid at the hotel'}</dd>
    <dt>Front desk</dt><dd data-testid="front-desk">${frontDeskText(r, audits)}</dd>`;
}
