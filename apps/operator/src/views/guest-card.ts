import type { Reservation } from '@hatago/booking';
import { html, type SafeHtml } from '@hatago/platform/html';

/** Who booked, for a stay or a table alike: the guest's details, membership and language. */
export function guestCard(r: Pick<Reservation, 'guest' | 'memberId' | 'locale'>): SafeHtml {
  return html`<section class="card">
  <h2>Guest</h2>
  <dl class="facts">
    <dt>Name</dt><dd>${r.guest.name}</dd>
    <dt>Name (Latin)</dt><dd>${r.guest.nameLatin}</dd>
    <dt>Email</dt><dd>${r.guest.email}</dd>
    <dt>Phone</dt><dd>${r.guest.phone}</dd>
    <dt>Member</dt><dd>${r.memberId === null ? 'No (guest booking)' : `#${r.memberId}`}</dd>
    <dt>Language</dt><dd>${r.locale}</dd>
  </dl>
</section>`;
}
