import type { Readable } from 'node:stream';

/**
 * Where generated files (exports, images) live, so no app process keeps state of its own:
 * any instance can write an object and any other can serve it. Embedded mode stores them
 * on the local disk, production in S3-compatible storage; both keep this contract.
 */
export interface ObjectStorage {
  put(key: string, body: Buffer | string, options: PutOptions): Promise<void>;
  get(key: string): Promise<StoredObject | undefined>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** A link that lets anyone holding it download the object until it expires. */
  signedUrl(key: string, options: { expiresInSeconds: number }): Promise<string>;
}

export interface PutOptions {
  contentType: string;
  /** Sent as `content-disposition` when the object is downloaded, e.g. `attachment; filename="x.csv"`. */
  contentDisposition?: string;
}

export interface StoredObject {
  body: Readable | Buffer;
  contentType: string;
  contentDisposition?: string;
  size: number;
}

export class InvalidObjectKeyError extends Error {
  override readonly name = 'InvalidObjectKeyError';
}

/**
 * Keys are slash-separated segments of letters, digits, `.`, `_` and `-`, each starting
 * with a letter or digit: valid as S3 keys and as relative file paths alike, and unable
 * to climb out of a directory (`..`), be absolute, or smuggle separators and controls.
 */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
export const MAX_KEY_LENGTH = 512;

export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length > MAX_KEY_LENGTH || !KEY.test(key) || key.includes('..')) {
    throw new InvalidObjectKeyError(`Invalid object key: ${JSON.stringify(String(key).slice(0, 80))}`);
  }
}

export const isValidKey = (key: string): boolean => {
  try {
    assertValidKey(key);
    return true;
  } catch {
    return false;
  }
};

/** Reads a whole object into memory; for small objects and tests. */
export async function readBody(object: StoredObject): Promise<Buffer> {
  if (Buffer.isBuffer(object.body)) return object.body;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
