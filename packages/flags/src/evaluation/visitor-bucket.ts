import { createHash } from 'node:crypto';

/** Buckets per visitor and flag: a percentage has two decimals. */
export const BUCKETS = 10_000;

/**
 * The visitor's place in the flag's rollout, 0 … BUCKETS-1: the same for the same visitor
 * and flag on every instance and the edge, independent between flags (the key is hashed
 * in), so raising a percentage only ever adds visitors.
 */
export function visitorBucket(flagKey: string, visitorId: string): number {
  const digest = createHash('sha256').update(`${flagKey}\u0000${visitorId}`).digest();
  return digest.readUInt32BE(0) % BUCKETS;
}
