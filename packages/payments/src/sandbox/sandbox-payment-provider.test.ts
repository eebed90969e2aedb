import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '@hatago/platform/errors';
import { SANDBOX_TEST_CARDS, SandboxPaymentProvider } from './sandbox-payment-provider.ts';

const sandbox = new SandboxPaymentProvider();
const card = (number: string) => ({ number, expiry: '12/39', cvc: '123' });
const hold = async (number: string, amount = 30000) =>
  sandbox.authoriseGuarantee({ token: sandbox.tokenise(card(number)).token, amount, reference: 'RS0000000000', idempotencyKey: 'k' });

describe('sandbox payment provider', () => {
  it('tokenises a card into a token, its brand and last four digits, keeping neither the number nor the code in the token', () => {
    for (const number of Object.keys(SANDBOX_TEST_CARDS)) {
      const token = sandbox.tokenise({ number: number.replace(/(\d{4})/g, '$1 ').trim(), expiry: '01/40', cvc: '987' });
      assert.equal(token.last4, number.slice(-4));
      assert.equal(token.brand, SANDBOX_TEST_CARDS[number]!.brand);
      // every part of the token is accounted for: outcome, brand, last four and a random nonce,
      // so neither the leading digits nor the code can be in it (a substring check would trip
      // whenever the nonce's hex happened to contain "987")
      const parts = /^tok_sandbox_([a-z_]+)\.([a-z]+)\.(\d{4})\.([0-9a-f]{16})$/.exec(token.token);
      assert.ok(parts, token.token);
      assert.deepEqual(parts.slice(1, 4), [SANDBOX_TEST_CARDS[number]!.behaviour, token.brand, token.last4]);
      const again = sandbox.tokenise({ number, expiry: '01/40', cvc: '987' }).token;
      assert.notEqual(again.split('.').at(-1), parts[4], 'the nonce is random, not derived from the card');
    }
  });

  it('refuses what cannot be a card, naming each field', () => {
    assert.throws(
      () => sandbox.tokenise({ number: '4242 4242 4242 4241', expiry: '13/30', cvc: '12' }),
      (error: unknown) =>
        error instanceof DomainError && error.code === 'INVALID_CARD' && ['cardNumber', 'cardExpiry', 'cardCvc'].every((f) => error.fields.some((e) => e.field === f)),
    );
    assert.throws(() => sandbox.tokenise({ number: '4242424242424242', expiry: '01/20', cvc: '123' }), /invalid fields/, 'an expired card');
  });

  it('holds guarantees on the succeeding test cards and declines the others as documented', async () => {
    for (const number of ['4242424242424242', '5555555555554444', '3530111333300000', '4000000000000341']) {
      const outcome = await hold(number);
      assert.equal(outcome.ok, true, number);
    }
    assert.deepEqual(await hold('4000000000000002'), { ok: false, reason: 'declined' });
    assert.deepEqual(await hold('4000000000009995'), { ok: false, reason: 'insufficient_funds' });
    assert.deepEqual(await hold('4111111111111111'), { ok: false, reason: 'declined' }, 'any other valid number declines');
    assert.deepEqual(await sandbox.authoriseGuarantee({ token: 'tok_forged', amount: 1, reference: 'x', idempotencyKey: 'k' }), { ok: false, reason: 'invalid_token' });
  });

  it('captures at most what it holds, declines captures on the capture-declining card, and releases quietly', async () => {
    const held = await hold('4242424242424242', 30000);
    assert.ok(held.ok);
    assert.equal((await sandbox.capture({ authorisationId: held.authorisationId, amount: 15000, idempotencyKey: 'c' })).ok, true);
    assert.deepEqual(await sandbox.capture({ authorisationId: held.authorisationId, amount: 30001, idempotencyKey: 'c' }), { ok: false, reason: 'declined' });
    const stubborn = await hold('4000000000000341');
    assert.ok(stubborn.ok);
    assert.deepEqual(await sandbox.capture({ authorisationId: stubborn.authorisationId, amount: 1, idempotencyKey: 'c' }), { ok: false, reason: 'declined' });
    assert.deepEqual(await sandbox.capture({ authorisationId: 'auth_forged', amount: 1, idempotencyKey: 'c' }), { ok: false, reason: 'unknown_authorisation' });
    await sandbox.release({ authorisationId: held.authorisationId });
  });
});
