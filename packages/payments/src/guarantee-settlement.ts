import type { PaymentProvider } from './payment-provider.ts';

/** Where a held guarantee ends: its fee charged, the hold let go, or a charge the provider refused. */
export type SettledGuaranteeStatus = 'captured' | 'released' | 'capture_failed';

/** What settling a guarantee did, as its booking's row records it. */
export interface GuaranteeSettlement {
  status: SettledGuaranteeStatus;
  /** Yen charged on the card: the fee when captured, 0 otherwise. */
  charged: number;
  /** The provider's id of the charge, to find it in the provider's dashboard; null when nothing was charged. */
  reference: string | null;
  settledAt: Date;
}

/**
 * Settles a held guarantee once what is owed is known, for stays and tables alike: a fee
 * is captured, nothing owed lets the hold go. Callers run it after the change that decided
 * the fee committed (a provider call never waits inside a transaction) and record the
 * outcome only on a row still `authorised`, so a retry settles at most once; the capture's
 * idempotency key is the booking's own, so a provider asked twice charges once.
 */
export async function settleHold(
  payments: PaymentProvider,
  hold: { authorisationId: string; fee: number; idempotencyKey: string },
  now: Date = new Date(),
): Promise<GuaranteeSettlement> {
  if (hold.fee <= 0) {
    await payments.release({ authorisationId: hold.authorisationId });
    return { status: 'released', charged: 0, reference: null, settledAt: now };
  }
  const capture = await payments.capture({ authorisationId: hold.authorisationId, amount: hold.fee, idempotencyKey: hold.idempotencyKey });
  return capture.ok
    ? { status: 'captured', charged: hold.fee, reference: capture.captureId, settledAt: now }
    : { status: 'capture_failed', charged: 0, reference: null, settledAt: now };
}
