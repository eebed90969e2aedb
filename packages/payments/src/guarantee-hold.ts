import { invalid } from '@hatago/platform/errors';
import type { PaymentProvider } from './payment-provider.ts';
import { PaymentErrors } from './payments-errors.ts';

/** An authorisation held for a booking that is not committed yet: released if the booking fails. */
export interface HeldGuarantee {
  provider: string;
  authorisationId: string;
  amount: number;
  card: { brand: string; last4: string };
}

const DECLINES = {
  declined: 'The card was declined; use another card',
  insufficient_funds: 'The card was declined for insufficient funds; use another card',
  invalid_token: 'The card details have expired; enter the card again',
} as const;

/**
 * Holds a no-show guarantee of `amount` yen on the card behind `token`, for stays and
 * tables alike. Nothing is held without a token or for a free booking. A decline throws, so
 * the booking that asked writes nothing; the caller releases the hold if its booking then
 * fails (`releaseOnFailure`).
 */
export async function holdGuarantee(
  payments: PaymentProvider | undefined,
  token: string | undefined,
  booking: { amount: number; reference: string; idempotencyKey: string },
): Promise<HeldGuarantee | undefined> {
  if (token === undefined) return undefined;
  if (!payments) throw invalid(PaymentErrors.GUARANTEE_NOT_TAKEN, [{ field: 'guaranteeToken', message: 'Card guarantees are not taken here' }]);
  if (booking.amount === 0) return undefined;
  const outcome = await payments.authoriseGuarantee({ token, ...booking });
  if (!outcome.ok) throw invalid(PaymentErrors.CARD_DECLINED, [{ field: 'guaranteeToken', message: DECLINES[outcome.reason] }], 'The card was declined');
  return { provider: payments.name, authorisationId: outcome.authorisationId, amount: booking.amount, card: outcome.card };
}

/**
 * Runs a booking that may hold a guarantee on the way (`hold` records it); when the booking
 * fails after the hold, the hold is let go before the error goes on.
 */
export type RecordHold = (held: HeldGuarantee | undefined) => HeldGuarantee | undefined;

export async function releaseOnFailure<T>(payments: PaymentProvider | undefined, book: (hold: RecordHold) => Promise<T>): Promise<T> {
  let held: HeldGuarantee | undefined;
  try {
    return await book((h) => (held = h));
  } catch (error) {
    if (held) await payments!.release({ authorisationId: held.authorisationId });
    throw error;
  }
}

/** The reservation columns naming a held guarantee (all null without one): never a card number or security code. */
export const guaranteeColumns = (held: HeldGuarantee | undefined) => ({
  guarantee_provider: held?.provider ?? null,
  guarantee_authorisation: held?.authorisationId ?? null,
  guarantee_amount: held?.amount ?? null,
  guarantee_status: held ? ('authorised' as const) : null,
  card_brand: held?.card.brand ?? null,
  card_last4: held?.card.last4 ?? null,
});
