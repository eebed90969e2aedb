import type { FastifyReply, FastifyRequest } from 'fastify';
import { normaliseReservationCode } from '@hatago/booking';
import { claimAttempt } from '@hatago/cache';
import type { GuestServices } from './deps.ts';
import { GuestErrors } from './guest-errors.ts';

/** Look-ups and cancellations by code and email one client address may try per window. */
export const LOOKUPS_PER_CLIENT = 30;
/** Tries on one reservation code per window, from every address together. */
export const LOOKUPS_PER_CODE = 10;
const WINDOW_MS = 15 * 60_000;

/**
 * Counts a guest's try at a reservation by code and email (API and forms alike, across
 * every instance) and refuses it past either limit. Per client: nobody sweeps codes from
 * one address. Per code: whoever holds a code (a forwarded mail, a photo of a screen)
 * cannot try emails against it from many addresses. Claimed before the reservation is
 * read, so a refusal says nothing about whether the code or the email was wrong. A
 * refusal tells the client when to come back (Retry-After), on the API and pages alike.
 */
export async function claimLookupAttempt({ rateLimiter }: GuestServices, request: FastifyRequest, reply: FastifyReply, code: unknown): Promise<void> {
  const message = 'Too many tries at this reservation. Try again in 15 minutes.';
  // spellings of one code (lower case, dashes) count together; codes that cannot exist share one count
  const codeKey = normaliseReservationCode(code) ?? normaliseReservationCode(code, 'table') ?? 'malformed';
  try {
    await claimAttempt(rateLimiter, { key: `lookup:client:${request.ip}`, limit: LOOKUPS_PER_CLIENT, windowMs: WINDOW_MS, code: GuestErrors.LOOKUP_THROTTLED, message });
    await claimAttempt(rateLimiter, { key: `lookup:code:${codeKey}`, limit: LOOKUPS_PER_CODE, windowMs: WINDOW_MS, code: GuestErrors.LOOKUP_THROTTLED, message });
  } catch (error) {
    reply.header('retry-after', String(WINDOW_MS / 1000));
    throw error;
  }
}
