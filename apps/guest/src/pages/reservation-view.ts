import { cancellationTerms, type Reservation } from '@hatago/booking';
import { html, type SafeHtml } from '@hatago/platform/html';
import { tokyoToday } from '@hatago/platform/time';
import { yen } from '@hatago/web-kit';
import { type Lang, planLabel, t } from './i18n.ts';
import { hidden, langField } from './page-kit.ts';

/** One reservation as a guest sees it: on the confirmation, look-up and account pages. */
export function reservationDetails(reservation: Reservation, lang: Lang): SafeHtml {
  const text = t(lang);
  const policy = reservation.cancellationPolicy;
  return html`<dl class="summary">
  <dt>${text.reservationCode}</dt><dd class="code" data-testid="reservation-code">${reservation.code}</dd>
  <dt>${text.status}</dt><dd data-testid="reservation-status" data-status="${reservation.status}">${
    reservation.status === 'cancelled' ? text.statusCancelled : text.statusConfirmed
  }</dd>
  <dt>${text.hotel}</dt><dd>${reservation.hotelName}</dd>
  <dt>${text.roomType}</dt><dd>${reservation.roomTypeName}</dd>
  <dt>${text.plan}</dt><dd>${planLabel(lang, reservation.planName, reservation.meals)}</dd>
  <dt>${text.checkin}</dt><dd>${reservation.checkin}</dd>
  <dt>${text.checkout}</dt><dd>${reservation.checkout}</dd>
  <dt>${text.nights}</dt><dd>${reservation.nights}</dd>
  <dt>${text.guests}</dt><dd>${reservation.guests}</dd>
  <dt>${text.rooms}</dt><dd>${reservation.rooms}</dd>
  <dt>${text.name}</dt><dd>${reservation.guest.name}</dd>
  <dt>${text.nameLatin}</dt><dd>${reservation.guest.nameLatin}</dd>
  <dt>${text.email}</dt><dd>${reservation.guest.email}</dd>
  <dt>${text.phone}</dt><dd>${reservation.guest.phone}</dd>
  <dt>${text.total}</dt><dd class="price">${yen(reservation.totalPrice)}</dd>
  <dt>${text.cancellationPolicy}</dt><dd>${text.cancelPolicy(policy.freeCancelDays, policy.feePercent)}</dd>
  ${
    reservation.cancelFee !== null
      ? html`<dt>${text.feeCharged}</dt><dd class="price" data-testid="cancel-fee">${yen(reservation.cancelFee)}</dd>`
      : ''
  }
</dl>`;
}

/**
 * What cancelling today would cost, shown before the guest can cancel; the button posts
 * `confirm=yes` so only this form, never a stray request, cancels.
 */
export function cancellationPanel(
  reservation: Reservation,
  lang: Lang,
  form: { action: string; fields: Record<string, string>; alert?: string },
): SafeHtml {
  const text = t(lang);
  const terms = cancellationTerms(reservation, tokyoToday());
  if (terms.reason === 'ALREADY_CANCELLED') return html``;
  return html`<section class="card">
<h2>${text.cancelReservation}</h2>
${form.alert ? html`<div class="alert" role="alert">${form.alert}</div>` : ''}
<dl class="summary">
  <dt>${text.cancelFeeToday}</dt><dd class="price" data-testid="cancel-fee-today">${yen(terms.fee)}</dd>
  <dt>${text.refund}</dt><dd>${yen(terms.refund)}</dd>
  ${terms.freeUntil ? html`<dt>${text.cancellationPolicy}</dt><dd>${text.freeUntil(terms.freeUntil)}</dd>` : ''}
</dl>
${
  terms.allowed
    ? html`<form method="post" action="${form.action}">
  ${hidden({ ...form.fields, confirm: 'yes' })}${langField(lang)}
  <button class="danger" type="submit" data-testid="cancel-reservation">${text.cancelReservation}</button>
</form>`
    : html`<p>${text.cannotCancelStarted}</p>`
}
</section>`;
}
