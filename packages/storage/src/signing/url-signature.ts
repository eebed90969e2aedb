import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = 'valid' | 'expired' | 'invalid';

export interface SignedParams {
  /** Unix time in seconds after which the link stops working. */
  expires: number;
  signature: string;
}

const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const EXPIRES = /^\d{1,12}$/;

/**
 * Signs object download links with the app's signing secret: HMAC-SHA256 over the key and
 * the expiry, so neither can be changed without the link failing. The HMAC key is derived
 * for this one purpose, so a signature made for something else with the same secret (a
 * cookie) can never pass as a download link.
 */
export class UrlSignature {
  readonly #key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
    /** What the links are for: links signed for one purpose never pass for another (e.g. `banner-preview`). */
    purpose = 'object-url',
  ) {
    if (secret.length < 16) throw new Error('the signing secret is too short');
    this.#key = createHmac('sha256', secret).update(`hatago/${purpose}/v1`).digest();
  }

  sign(key: string, expiresInSeconds: number): SignedParams {
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) throw new Error('expiresInSeconds must be a positive integer');
    const expires = Math.floor(this.now() / 1000) + expiresInSeconds;
    return { expires, signature: this.#mac(key, expires) };
  }

  /** Takes the raw query values, which may be missing or malformed. */
  verify(key: string, expires: unknown, signature: unknown): SignatureCheck {
    if (typeof expires !== 'string' || !EXPIRES.test(expires) || typeof signature !== 'string' || !SIGNATURE.test(signature)) {
      return 'invalid';
    }
    const expected = Buffer.from(this.#mac(key, Number(expires)));
    if (!timingSafeEqual(expected, Buffer.from(signature))) return 'invalid';
    return Number(expires) * 1000 <= this.now() ? 'expired' : 'valid';
  }

  #mac(key: string, expires: number): string {
    return createHmac('sha256', this.#key).update(`${key}\n${expires}`).digest('base64url');
  }
}
