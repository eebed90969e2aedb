import { claimAttempt } from '@hatago/cache';
import type { GuestServices } from './deps.ts';
import { GuestErrors } from './guest-errors.ts';

/** Bookings one client address may attempt per minute unless the deployment says otherwise. */
export const BOOKING_ATTEMPTS_PER_MINUTE = 30;

/**
 * Counts a booking attempt of a client address (API and form alike, across every
 * instance) and refuses it past the limit: each one locks inventory rows, and a script
 * hammering them would slow every guest's booking. Retries of one idempotency key count
 * too, so a client stuck in a retry loop is slowed down as well.
 */
export function claimBookingAttempt({ rateLimiter, bookingAttemptsPerMinute }: GuestServices, client: string): Promise<void> {
  return claimAttempt(rateLimiter, {
    key: `booking:${client}`,
    limit: bookingAttemptsPerMinute ?? BOOKING_ATTEMPTS_PER_MINUTE,
    windowMs: 60_000,
    code: GuestErrors.BOOKING_THROTTLED,
    message: 'Too many booking attempts from this address. Try again in a minute.',
  });
}
