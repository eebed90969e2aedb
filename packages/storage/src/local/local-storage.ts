import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertValidKey, type ObjectStorage, type PutOptions, type StoredObject } from '../object-storage.ts';
import { signedObjectUrl } from '../signing/signed-object-url.ts';
import type { UrlSignature } from '../signing/url-signature.ts';

export interface LocalStorageOptions {
  /** Objects live in `<root>/objects/<key>`, their metadata in `<root>/meta/<key>.json`. */
  root: string;
  signature: UrlSignature;
  /** The route that serves signed downloads, e.g. `/facility/files/`; the key is appended. */
  urlPrefix: string;
}

interface Metadata {
  contentType: string;
  contentDisposition?: string;
}

/**
 * Object storage on the local disk for embedded mode. Every write goes to a temporary file
 * that is renamed into place, so a reader sees the old object or the new one, never half
 * of one. The metadata sidecar is written last and removed first: an object exists
 * exactly while its sidecar does.
 */
export class LocalStorage implements ObjectStorage {
  readonly #root: string;

  constructor(private readonly options: LocalStorageOptions) {
    this.#root = path.resolve(options.root);
  }

  async put(key: string, body: Buffer | string, options: PutOptions): Promise<void> {
    assertValidKey(key);
    const metadata: Metadata = { contentType: options.contentType };
    if (options.contentDisposition !== undefined) metadata.contentDisposition = options.contentDisposition;
    await this.#writeAtomically(this.#dataPath(key), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
    await this.#writeAtomically(this.#metaPath(key), JSON.stringify(metadata));
  }

  async get(key: string): Promise<StoredObject | undefined> {
    assertValidKey(key);
    const metadata = await readFile(this.#metaPath(key), 'utf8').then(
      (text) => JSON.parse(text) as Metadata,
      ignoreMissing,
    );
    if (!metadata) return undefined;
    const handle = await open(this.#dataPath(key), 'r').catch(ignoreMissing);
    if (!handle) return undefined;
    const { size } = await handle.stat();
    return {
      body: handle.createReadStream(),
      contentType: metadata.contentType,
      ...(metadata.contentDisposition === undefined ? {} : { contentDisposition: metadata.contentDisposition }),
      size,
    };
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await unlink(this.#metaPath(key)).catch(ignoreMissing);
    await unlink(this.#dataPath(key)).catch(ignoreMissing);
  }

  async signedUrl(key: string, options: { expiresInSeconds: number }): Promise<string> {
    assertValidKey(key);
    return signedObjectUrl(this.options.signature, this.options.urlPrefix, key, options.expiresInSeconds);
  }

  // Keys are validated before any of these: no segment can be `..` or absolute.
  #dataPath = (key: string) => path.join(this.#root, 'objects', key);
  #metaPath = (key: string) => path.join(this.#root, 'meta', `${key}.json`);

  async #writeAtomically(target: string, content: Buffer | string): Promise<void> {
    const tmpDir = path.join(this.#root, 'tmp');
    const tmp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    await Promise.all([mkdir(tmpDir, { recursive: true }), mkdir(path.dirname(target), { recursive: true })]);
    try {
      await writeFile(tmp, content, { flag: 'wx' });
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }
}

function ignoreMissing(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw error;
}
