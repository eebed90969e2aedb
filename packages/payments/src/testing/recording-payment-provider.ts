import type { PaymentProvider } from '../payment-provider.ts';

/**
 * A provider that answers as `inner` does and remembers each call in order, as
 * `authorise <amount>`, `capture <amount> <idempotency key>` or `release`: for tests that
 * check what a booking held, charged and let go.
 */
export function recordingPaymentProvider(inner: PaymentProvider): { provider: PaymentProvider; calls: string[] } {
  const calls: string[] = [];
  const provider: PaymentProvider = {
    name: inner.name,
    authoriseGuarantee: async (input) => (calls.push(`authorise ${input.amount}`), inner.authoriseGuarantee(input)),
    capture: async (input) => (calls.push(`capture ${input.amount} ${input.idempotencyKey}`), inner.capture(input)),
    release: async (input) => (calls.push('release'), inner.release(input)),
  };
  return { provider, calls };
}
