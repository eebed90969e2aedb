import { addDays, daysBetween } from '@hatago/platform/time';
import type { Reservation } from '../reservations/reservation.ts';

export interface CancellationTerms {
  /** Whether a guest may still cancel online (an operator always may). */
  allowed: boolean;
  fee: number;
  refund: number;
  /** Last day on which cancelling is free; null when it never was. */
  freeUntil: string | null;
  /** STAY_HANDLED: the front desk checked the guest in (or out) or marked a no-show; nothing is left to cancel. */
  reason?: 'ALREADY_CANCELLED' | 'STAY_STARTED' | 'STAY_HANDLED';
}

/** The fee for cancelling `daysBefore` days before check-in: nothing while the plan's free days last, then `feePercent` of the total, rounded down to whole yen. */
export function cancellationFeeOf(totalPrice: number, policy: { freeCancelDays: number; feePercent: number }, daysBefore: number): number {
  return daysBefore >= policy.freeCancelDays ? 0 : Math.floor((totalPrice * policy.feePercent) / 100);
}

/**
 * The plan's policy, frozen on the reservation: free until `freeCancelDays` days before
 * check-in, then `feePercent` of the total (rounded down to whole yen). Guests can cancel
 * up to the check-in day; after that only an operator can.
 */
export function cancellationTerms(reservation: Reservation, today: string): CancellationTerms {
  const { freeCancelDays } = reservation.cancellationPolicy;
  const daysBefore = daysBetween(today, reservation.checkin);
  const fee = cancellationFeeOf(reservation.totalPrice, reservation.cancellationPolicy, daysBefore);
  const lastFreeDay = addDays(reservation.checkin, -freeCancelDays);
  const freeUntil = lastFreeDay >= today ? lastFreeDay : null;
  const base = { fee, refund: reservation.totalPrice - fee, freeUntil };
  if (reservation.status === 'cancelled') return { ...base, allowed: false, reason: 'ALREADY_CANCELLED' };
  if (reservation.status !== 'confirmed') return { ...base, allowed: false, reason: 'STAY_HANDLED' };
  if (daysBefore < 0) return { ...base, allowed: false, reason: 'STAY_STARTED' };
  return { ...base, allowed: true };
}
