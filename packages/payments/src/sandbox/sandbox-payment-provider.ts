import { randomBytes } from 'node:crypto';
import { FieldErrors } from '@hatago/platform/errors';
import { PaymentErrors } from '../payments-errors.ts';
import type { CardBrand, CardInput, CardToken, CardTokeniser, CaptureOutcome, GuaranteeOutcome, PaymentProvider } from '../payment-provider.ts';

type Behaviour = 'ok' | 'declined' | 'insufficient_funds' | 'capture_declined';

/**
 * The sandbox's test cards, as real sandboxes publish theirs (docs/payments.md). Any other
 * number that passes the Luhn check tokenises and is declined; one that fails it is refused
 * by the tokeniser as a typing mistake.
 */
export const SANDBOX_TEST_CARDS: Readonly<Record<string, { brand: CardBrand; behaviour: Behaviour }>> = {
  '4242424242424242': { brand: 'visa', behaviour: 'ok' },
  '5555555555554444': { brand: 'mastercard', behaviour: 'ok' },
  '3530111333300000': { brand: 'jcb', behaviour: 'ok' },
  '4000000000000002': { brand: 'visa', behaviour: 'declined' },
  '4000000000009995': { brand: 'visa', behaviour: 'insufficient_funds' },
  '4000000000000341': { brand: 'visa', behaviour: 'capture_declined' },
};

const BEHAVIOURS: readonly Behaviour[] = ['ok', 'declined', 'insufficient_funds', 'capture_declined'];
const BRANDS: readonly CardBrand[] = ['visa', 'mastercard', 'jcb', 'amex', 'other'];
const TOKEN = /^tok_sandbox_([a-z_]+)\.([a-z]+)\.(\d{4})\.[0-9a-f]{16}$/;
const AUTHORISATION = /^auth_sandbox_(ok|capture_declined)_\d+_[0-9a-f]{16}$/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const brandOf = (digits: string): CardBrand =>
  digits.startsWith('4') ? 'visa' : /^5[1-5]/.test(digits) ? 'mastercard' : /^35/.test(digits) ? 'jcb' : /^3[47]/.test(digits) ? 'amex' : 'other';

const random = () => randomBytes(8).toString('hex');

/**
 * A payment provider for development and tests, with no network and no state: what a token
 * or an authorisation will do is written in it, so every instance of every app agrees on
 * it and a restart forgets nothing. It keeps no card number and no security code.
 */
export class SandboxPaymentProvider implements PaymentProvider, CardTokeniser {
  readonly name = 'sandbox';

  tokenise(card: CardInput): CardToken {
    const errors = new FieldErrors();
    const digits = String(card.number ?? '').replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(digits) || !luhn(digits)) errors.add('cardNumber', 'Enter a valid card number');
    const expiry = /^(0[1-9]|1[0-2])\/(\d{2})$/.exec(String(card.expiry ?? '').trim());
    const expired = expiry && new Date(Date.UTC(2000 + Number(expiry[2]), Number(expiry[1]), 1)) <= new Date();
    if (!expiry || expired) errors.add('cardExpiry', 'Enter a valid expiry date as MM/YY');
    if (!/^\d{3,4}$/.test(String(card.cvc ?? '').trim())) errors.add('cardCvc', 'Enter the 3 or 4 digit security code');
    errors.throwIfAny(PaymentErrors.INVALID_CARD);
    const known = SANDBOX_TEST_CARDS[digits];
    const brand = known?.brand ?? brandOf(digits);
    const last4 = digits.slice(-4);
    return { token: `tok_sandbox_${known?.behaviour ?? 'declined'}.${brand}.${last4}.${random()}`, brand, last4 };
  }

  async authoriseGuarantee(input: Parameters<PaymentProvider['authoriseGuarantee']>[0]): Promise<GuaranteeOutcome> {
    const match = TOKEN.exec(input.token);
    const behaviour = match?.[1] as Behaviour | undefined;
    const brand = match?.[2] as CardBrand | undefined;
    if (!match || !behaviour || !BEHAVIOURS.includes(behaviour) || !brand || !BRANDS.includes(brand)) return { ok: false, reason: 'invalid_token' };
    if (behaviour === 'declined' || behaviour === 'insufficient_funds') return { ok: false, reason: behaviour };
    return { ok: true, authorisationId: `auth_sandbox_${behaviour}_${input.amount}_${random()}`, card: { brand, last4: match[3]! } };
  }

  async capture(input: Parameters<PaymentProvider['capture']>[0]): Promise<CaptureOutcome> {
    const match = AUTHORISATION.exec(input.authorisationId);
    if (!match) return { ok: false, reason: 'unknown_authorisation' };
    const held = Number(input.authorisationId.split('_')[3]);
    if (match[1] === 'capture_declined' || input.amount > held) return { ok: false, reason: 'declined' };
    return { ok: true, captureId: `cap_sandbox_${random()}` };
  }

  /** Holds in the sandbox are written in their ids, so there is nothing to let go. */
  async release(_input: Parameters<PaymentProvider['release']>[0]): Promise<void> {}
}
