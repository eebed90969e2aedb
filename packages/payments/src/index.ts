export { PaymentErrors } from './payments-errors.ts';
export type { CaptureOutcome, CardBrand, CardInput, CardSummary, CardToken, CardTokeniser, GuaranteeOutcome, PaymentProvider } from './payment-provider.ts';
export { SANDBOX_TEST_CARDS, SandboxPaymentProvider } from './sandbox/sandbox-payment-provider.ts';
export { guaranteeColumns, type HeldGuarantee, holdGuarantee, type RecordHold, releaseOnFailure } from './guarantee-hold.ts';
export { cardLabel } from './card-label.ts';
export { type GuaranteeSettlement, type SettledGuaranteeStatus, settleHold } from './guarantee-settlement.ts';
