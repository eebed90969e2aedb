import type { TableReservation } from '@hatago/dining';
import { html, type SafeHtml } from '@hatago/platform/html';
import { formatDate, formatPrice, formatTime } from './formats.ts';
import { type Lang, t } from './i18n.ts';
import type { Venue } from '../reservation-venues.ts';

/** A table reservation as its guest sees it: on the confirmation, look-up and account pages. */
export function tableReservationDetails(reservation: TableReservation, venue: Venue, lang: Lang): SafeHtml {
  const text = t(lang);
  return html`<dl class="summary">
  <dt>${text.reservationCode}</dt><dd class="code" data-testid="reservation-code">${reservation.code}</dd>
  <dt>${text.status}</dt><dd data-testid="reservation-status" data-status="${reservation.status}">${text.tableStatus[reservation.status]}</dd>
  <dt>${text.restaurant}</dt><dd>${reservation.restaurantName}</dd>
  <dt>${text.address}</dt><dd data-testid="venue-address">${venue.address}</dd>
  <dt>${text.course}</dt><dd>${reservation.courseName}</dd>
  <dt>${text.diningDate}</dt><dd>${formatDate(lang, reservation.date)}</dd>
  <dt>${text.seatingTime}</dt><dd>${formatTime(lang, reservation.time)} (${text.minutes(reservation.durationMinutes)})</dd>
  <dt>${text.party}</dt><dd>${text.people(reservation.party)}</dd>
  <dt>${text.name}</dt><dd>${reservation.guest.name}</dd>
  <dt>${text.email}</dt><dd>${reservation.guest.email}</dd>
  <dt>${text.phone}</dt><dd>${reservation.guest.phone}</dd>
  ${reservation.requests ? html`<dt>${text.specialRequests}</dt><dd class="requests">${reservation.requests}</dd>` : ''}
  <dt>${text.total}</dt><dd class="price">${formatPrice(lang, reservation.totalPrice)}</dd>
  <dt>${text.cancellationPolicy}</dt><dd>${text.cancelFees(reservation.cancelFees)}</dd>
  ${
    reservation.guarantee
      ? html`<dt>${text.cardGuarantee}</dt><dd data-testid="card-guarantee">${text.cardOnFile(reservation.guarantee.brand, reservation.guarantee.last4)} · ${formatPrice(lang, reservation.guarantee.amount)} · ${text.guaranteeStatus[reservation.guarantee.status]}</dd>`
      : ''
  }
  ${
    reservation.cancelFee !== null
      ? html`<dt>${text.feeCharged}</dt><dd class="price" data-testid="cancel-fee">${formatPrice(lang, reservation.cancelFee)}</dd>`
      : ''
  }
</dl>`;
}
