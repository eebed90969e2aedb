import { UrlSignature } from '@hatago/storage';

/**
 * The token in a draft's preview links (`/banner-preview/<token>/…`): the draft's id, an
 * expiry and an HMAC under the platform's signing secret, derived for this purpose only.
 * The operator console makes them; the guest app, which shares the secret, checks them.
 * Whoever holds a link sees the draft until it expires, nobody else: the pages it opens are
 * private and never cached.
 */
export class PreviewTokens {
  readonly #signature: UrlSignature;

  constructor(secret: string, now: () => number = Date.now) {
    this.#signature = new UrlSignature(secret, now, 'banner-preview');
  }

  issue(draftId: number, lifetimeSeconds = 3600): string {
    const { expires, signature } = this.#signature.sign(`draft-${draftId}`, lifetimeSeconds);
    return `${draftId}.${expires}.${signature}`;
  }

  /** The draft id of a valid, unexpired token, else undefined. */
  draftOf(token: string): number | undefined {
    const match = /^([1-9]\d{0,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return undefined;
    return this.#signature.verify(`draft-${match[1]}`, match[2], match[3]) === 'valid' ? Number(match[1]) : undefined;
  }
}
