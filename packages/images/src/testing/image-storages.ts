import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe } from 'node:test';
import { LocalStorage, type ObjectStorage, UrlSignature } from '@hatago/storage';
import { S3Storage } from '@hatago/storage/s3';
import { startTestS3, type TestS3 } from '@hatago/storage/testing';

const signature = new UrlSignature('image-test-secret-0123456789abcdef');

/**
 * Runs the same tests against local storage and S3 (s3rver), each starting empty. `count`
 * tells how many objects the storage holds, so a refusal can be shown to have stored nothing.
 */
export function withImageStorages(name: string, tests: (storage: () => ObjectStorage, count: () => Promise<number>) => void): void {
  describe(`${name} on local storage`, () => {
    let root = '';
    let storage: LocalStorage;
    beforeEach(async () => {
      if (root) await rm(root, { recursive: true, force: true });
      root = await mkdtemp(path.join(tmpdir(), 'hatago-images-'));
      storage = new LocalStorage({ root, signature, urlPrefix: '/files/' });
    });
    after(() => rm(root, { recursive: true, force: true }));
    tests(
      () => storage,
      async () => (await readdir(path.join(root, 'objects'), { recursive: true, withFileTypes: true }).catch(() => [])).filter((entry) => entry.isFile()).length,
    );
  });

  describe(`${name} on S3`, () => {
    let s3: TestS3;
    let storage: S3Storage;
    let prefix = 0;
    before(async () => {
      s3 = await startTestS3();
    });
    // a fresh key prefix per test: an empty bucket as far as the test can see
    beforeEach(() => {
      storage?.close();
      storage = new S3Storage({ ...s3.location, signature, urlPrefix: '/files/', keyPrefix: `run-${++prefix}/` });
    });
    after(async () => {
      storage?.close();
      await s3.stop();
    });
    tests(
      () => storage,
      async () => {
        const { ListObjectsV2Command, S3Client } = await import('@aws-sdk/client-s3');
        const client = new S3Client({ ...s3.location });
        try {
          const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.location.bucket, Prefix: `run-${prefix}/` }));
          return listed.KeyCount ?? 0;
        } finally {
          client.destroy();
        }
      },
    );
  });
}
