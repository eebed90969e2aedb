import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

export type SignatureVerdict =
  | { ok: true }
  | { ok: false; reason: 'unsigned' | 'malformed' | 'forged' | 'stale' | 'future' };

/**
 * SendGrid's verification key as shown in Mail Settings: base64 of the DER
 * SubjectPublicKeyInfo of a P-256 key, without PEM framing. Refusing anything else at
 * start-up keeps a mistyped key from silently rejecting every batch later.
 */
export function sendgridPublicKey(base64Der: string): KeyObject {
  const key = createPublicKey({ key: Buffer.from(base64Der, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('the SendGrid webhook key must be an ECDSA P-256 public key');
  }
  return key;
}

/**
 * SendGrid signs `timestamp + raw body` with ECDSA P-256 / SHA-256 and sends the DER
 * signature in base64. The body must be the bytes as received: re-serialised JSON would
 * differ in spacing or escapes and never verify. The timestamp window turns a captured
 * batch into a short-lived one, so a replay outside it is refused before any lookup.
 */
export function verifySendgridSignature(input: {
  key: KeyObject;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Buffer;
  now: Date;
  toleranceSeconds: number;
}): SignatureVerdict {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, reason: 'unsigned' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return { ok: false, reason: 'malformed' };
  const verifier = createVerify('sha256');
  verifier.update(timestamp, 'utf8');
  verifier.update(input.rawBody);
  let valid: boolean;
  try {
    valid = verifier.verify({ key: input.key, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
  } catch {
    // a signature that is not DER at all makes OpenSSL throw rather than answer false
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'forged' };
  const age = input.now.getTime() / 1000 - Number(timestamp);
  if (age > input.toleranceSeconds) return { ok: false, reason: 'stale' };
  // a little clock skew between SendGrid and us is normal; a signature from well in the future is not
  if (age < -60) return { ok: false, reason: 'future' };
  return { ok: true };
}
