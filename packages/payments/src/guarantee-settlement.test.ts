import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settleHold } from './guarantee-settlement.ts';
import { SandboxPaymentProvider } from './sandbox/sandbox-payment-provider.ts';
import { recordingPaymentProvider } from './testing/recording-payment-provider.ts';

const sandbox = new SandboxPaymentProvider();
const NOW = new Date('2027-03-05T01:00:00Z');

async function held(number: string, amount = 30000): Promise<string> {
  const outcome = await sandbox.authoriseGuarantee({ token: sandbox.tokenise({ number, expiry: '12/39', cvc: '123' }).token, amount, reference: 'HT0000000000', idempotencyKey: 'k' });
  assert.ok(outcome.ok);
  return outcome.authorisationId;
}

describe('settling a held guarantee', () => {
  it('captures a fee under the caller’s idempotency key and names the charge', async () => {
    const { provider, calls } = recordingPaymentProvider(sandbox);
    const settlement = await settleHold(provider, { authorisationId: await held('4242424242424242'), fee: 12000, idempotencyKey: 'stay-no-show-fee:HT1' }, NOW);
    assert.equal(settlement.status, 'captured');
    assert.equal(settlement.charged, 12000);
    assert.match(settlement.reference ?? '', /^cap_sandbox_/);
    assert.equal(settlement.settledAt, NOW);
    assert.deepEqual(calls, ['capture 12000 stay-no-show-fee:HT1']);
  });

  it('lets the hold go when nothing is owed, charging nothing', async () => {
    const { provider, calls } = recordingPaymentProvider(sandbox);
    const settlement = await settleHold(provider, { authorisationId: await held('4242424242424242'), fee: 0, idempotencyKey: 'stay-check-out:HT1' }, NOW);
    assert.deepEqual(settlement, { status: 'released', charged: 0, reference: null, settledAt: NOW });
    assert.deepEqual(calls, ['release']);
  });

  it('records a refused capture as capture_failed with nothing charged', async () => {
    const refused = await settleHold(sandbox, { authorisationId: await held('4000000000000341'), fee: 5000, idempotencyKey: 'k1' }, NOW);
    assert.deepEqual(refused, { status: 'capture_failed', charged: 0, reference: null, settledAt: NOW });
    const tooMuch = await settleHold(sandbox, { authorisationId: await held('4242424242424242', 1000), fee: 5000, idempotencyKey: 'k2' }, NOW);
    assert.equal(tooMuch.status, 'capture_failed', 'never more than the hold');
  });
});
