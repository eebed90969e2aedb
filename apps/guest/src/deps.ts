import type { LiveBannerDocument, PreviewTokens } from '@hatago/banners';
import type { FlagsClient, LiveFlags } from '@hatago/flags';
import type { BookingContext } from '@hatago/booking';
import type { CachedCatalog } from '@hatago/catalog';
import type { DiningContext } from '@hatago/dining';
import type { CardTokeniser, PaymentProvider } from '@hatago/payments';
import type { AppDeps } from '@hatago/runtime';
import type { ObjectStorage } from '@hatago/storage';

/** Search results and hotel data are read through the cache. */
export interface GuestAppDeps extends AppDeps {
  /** Where uploaded images live; the image route renders from it. */
  storage: ObjectStorage;
  /** Bookings one client address may attempt per minute (API and form alike). */
  bookingAttemptsPerMinute?: number;
  /** The site's public origin, for links in mails; the embedded platform's address when absent. */
  publicBaseUrl?: string;
  /** Holds no-show guarantees for table bookings, and tokenises the card the booking form posts; the sandbox when absent. */
  payments?: PaymentProvider & CardTokeniser;
  /** What time it is for banner schedules; tests move it instead of waiting. */
  clock?: () => Date;
}

/** What the routes use: the deps, and what the app builds from them once. */
export interface GuestServices extends GuestAppDeps {
  catalog: CachedCatalog;
  /** Bookings and cancellations run in it and publish the rooms they took or gave back themselves. */
  booking: BookingContext;
  /** Table bookings and cancellations, publishing the seats they took or gave back, holding and settling card guarantees. */
  dining: DiningContext;
  payments: PaymentProvider & CardTokeniser;
  /** The site's public origin, defaulted: links in mails always have one. */
  publicBaseUrl: string;
  /** The live banner document, cached and dropped on every publish. */
  banners: LiveBannerDocument;
  /** Checks the operator console's draft preview links. */
  previews: PreviewTokens;
  /** Feature flag definitions as they are now, dropped on every change anywhere. */
  flags: LiveFlags;
  /** OpenFeature over them, for this app's environment: what routes ask whether a flag is on. */
  features: FlagsClient;
  environment: string;
  now: () => Date;
}
