import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { assertValidKey, type ObjectStorage, type PutOptions, type StoredObject } from '../object-storage.ts';
import { signedObjectUrl } from '../signing/signed-object-url.ts';
import type { UrlSignature } from '../signing/url-signature.ts';

export interface S3Location {
  /** Omitted for AWS itself; set for S3-compatible servers (MinIO, s3rver, …). */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Omitted to use the SDK's default chain (instance role, environment). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key`; most S3-compatible servers need it. */
  forcePathStyle?: boolean;
}

export interface S3StorageOptions extends S3Location {
  signature: UrlSignature;
  /** The app route that serves signed downloads, e.g. `/facility/files/`; the key is appended. */
  urlPrefix: string;
  /** Prefix of every object key in the bucket, so apps can share one. */
  keyPrefix?: string;
}

/**
 * Object storage in an S3 bucket, shared by every instance in distributed mode.
 *
 * Download links are the app's own HMAC-signed links (as with local storage), streamed
 * from S3 by the app, not presigned S3 URLs: the bucket stays private and unreachable
 * from browsers, links go through the edge like every other request (request id, logs),
 * a link never carries S3 credentials' signatures, and both adapters keep exactly one
 * contract. The objects are small exports, so the bytes passing through the app cost
 * little.
 */
export class S3Storage implements ObjectStorage {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #keyPrefix: string;

  constructor(private readonly options: S3StorageOptions) {
    this.#client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      // A stuck S3 must fail the request, not hold it (and its database connection) forever.
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 15_000 },
      maxAttempts: 3,
    });
    this.#bucket = options.bucket;
    this.#keyPrefix = options.keyPrefix ?? '';
  }

  async put(key: string, body: Buffer | string, options: PutOptions): Promise<void> {
    assertValidKey(key);
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#keyPrefix + key,
        Body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
        ContentType: options.contentType,
        ...(options.contentDisposition === undefined ? {} : { ContentDisposition: options.contentDisposition }),
      }),
    );
  }

  async get(key: string): Promise<StoredObject | undefined> {
    assertValidKey(key);
    try {
      const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#keyPrefix + key }));
      return {
        body: object.Body as Readable,
        contentType: object.ContentType ?? 'application/octet-stream',
        ...(object.ContentDisposition ? { contentDisposition: object.ContentDisposition } : {}),
        size: object.ContentLength ?? 0,
      };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#keyPrefix + key }));
  }

  async signedUrl(key: string, options: { expiresInSeconds: number }): Promise<string> {
    assertValidKey(key);
    return signedObjectUrl(this.options.signature, this.options.urlPrefix, key, options.expiresInSeconds);
  }

  close(): void {
    this.#client.destroy();
  }
}
