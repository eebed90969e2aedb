import assert from 'node:assert/strict';
import { it } from 'node:test';
import { guaranteeStateLabel } from './guarantee-state.ts';

it('names a guarantee by its card and state, with when it was settled in Tokyo time', () => {
  const card = { brand: 'visa', last4: '4242', amount: 120000 };
  assert.equal(guaranteeStateLabel({ ...card, status: 'authorised', charged: null, settledAt: null }), 'VISA •••• 4242: ¥120,000 held');
  assert.equal(guaranteeStateLabel({ ...card, status: 'released', charged: 0, settledAt: '2027-01-15T03:00:00Z' }), 'VISA •••• 4242: hold released, nothing charged (2027-01-15 12:00 JST)');
  assert.equal(guaranteeStateLabel({ ...card, status: 'captured', charged: 36000, settledAt: '2027-01-15T03:00:00Z' }), 'VISA •••• 4242: charged ¥36,000 (2027-01-15 12:00 JST)');
  assert.match(guaranteeStateLabel({ ...card, status: 'capture_failed', charged: 0 }), /refused: collect the fee otherwise$/);
});
