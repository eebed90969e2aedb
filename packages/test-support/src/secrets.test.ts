import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdsSecret } from './secrets.ts';

test('a security code counts where it stands on its own, not inside a random token', () => {
  assert.ok(holdsSecret('<input name="cardCvc" value="737">', '737'));
  assert.ok(holdsSecret('code 737 typed', '737'));
  assert.ok(holdsSecret('{"cvc":"737"}', '737'));
  assert.ok(!holdsSecret('<meta name="csp-nonce" content="a9f737c0">', '737'));
  assert.ok(!holdsSecret('tok_sandbox_ok_visa_4242_e7370d9b', '737'));
  assert.ok(!holdsSecret('total 17370 yen', '737'), 'a price that merely contains the digits');
});
