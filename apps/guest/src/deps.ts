import type { BookingContext } from '@hatago/booking';
import type { Cache, RateLimiter } from '@hatago/cache';
import type { CachedCatalog } from '@hatago/catalog';
import type { Database } from '@hatago/db';
import type { Logger } from '@hatago/platform/logging';

export interface GuestAppDeps {
  database: Database;
  logger: Logger;
  /** Signs cookies that must not be forged (flash messages, booking drafts). */
  signingSecret: string;
  /** Search results and hotel data are read through it; shared by every instance in production. */
  cache: Cache;
  /** Counts login, sign-up and booking attempts across every instance. */
  rateLimiter: RateLimiter;
  /** Bookings one client address may attempt per minute (API and form alike). */
  bookingAttemptsPerMinute?: number;
  /** The site's public origin, for links in mails; the embedded platform's address when absent. */
  publicBaseUrl?: string;
}

/** What the routes use: the deps, and what the app builds from them once. */
export interface GuestServices extends GuestAppDeps {
  catalog: CachedCatalog;
  /** Bookings and cancellations run in it and publish the rooms they took or gave back themselves. */
  booking: BookingContext;
}
