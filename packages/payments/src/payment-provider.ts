/** The card networks the guest pages name; a provider reports the brand behind a token. */
export type CardBrand = 'visa' | 'mastercard' | 'jcb' | 'amex' | 'other';

/** What may be kept about a card: never its number or security code, only how to name it to its holder. */
export interface CardSummary {
  brand: CardBrand;
  last4: string;
}

/** What a tokeniser gives back for a card: a token standing for it at the provider, and how to name it. */
export interface CardToken extends CardSummary {
  token: string;
}

/** A card as typed into a form, to be tokenised and forgotten at once. */
export interface CardInput {
  number: string;
  /** MM/YY */
  expiry: string;
  cvc: string;
}

export type GuaranteeOutcome =
  | { ok: true; authorisationId: string; card: CardSummary }
  | { ok: false; reason: 'declined' | 'insufficient_funds' | 'invalid_token' };

export type CaptureOutcome = { ok: true; captureId: string } | { ok: false; reason: 'declined' | 'unknown_authorisation' };

/**
 * The payment provider port: a no-show guarantee is an authorisation held on the guest's
 * card for the booking's worst fee, captured in part or in full when a fee falls due, and
 * released otherwise. Adapters live in parallel folders (sandbox/ today); domain code sees
 * only this interface, so it never speaks HTTP or touches card data.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Holds `amount` yen on the card behind `token`; the same idempotency key never holds twice. */
  authoriseGuarantee(input: { token: string; amount: number; reference: string; idempotencyKey: string }): Promise<GuaranteeOutcome>;
  /** Charges `amount` yen (at most the amount held) of an authorisation: a cancellation or no-show fee. */
  capture(input: { authorisationId: string; amount: number; idempotencyKey: string }): Promise<CaptureOutcome>;
  /** Lets the hold go; releasing twice, or after a capture, does nothing. */
  release(input: { authorisationId: string }): Promise<void>;
}

/**
 * Turns typed card details into a token. With a real provider this happens in the
 * provider's own page or script, so the card never reaches Hatago; the sandbox's runs in
 * process so the no-JavaScript form can be exercised end to end, and keeps nothing.
 */
export interface CardTokeniser {
  tokenise(card: CardInput): CardToken;
}
