import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import S3rver from 's3rver';
import { downloadThroughApp, objectStorageContract } from '../object-storage.contract.ts';
import { readBody } from '../object-storage.ts';
import { UrlSignature } from '../signing/url-signature.ts';
import { S3Storage } from './s3-storage.ts';

const PREFIX = '/files/';
const BUCKET = 'hatago-test';

/**
 * s3rver stands in for S3: a real HTTP server speaking the S3 REST API and checking
 * SigV4 signatures with its fixed credentials, on a free loopback port.
 */
async function startS3() {
  const directory = await mkdtemp(path.join(tmpdir(), 'hatago-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  return {
    location: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket: BUCKET,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function s3Fixture() {
  const s3 = await startS3();
  let offsetMs = 0;
  const signature = new UrlSignature('contract-test-secret-0123456789abcdef', () => Date.now() + offsetMs);
  const storage = new S3Storage({ ...s3.location, signature, urlPrefix: PREFIX, keyPrefix: 'objects/' });
  return {
    storage,
    location: s3.location,
    signature,
    advanceClock: (seconds: number) => {
      offsetMs += seconds * 1000;
    },
    download: (url: string) => downloadThroughApp(storage, signature, PREFIX, url),
    async dispose() {
      storage.close();
      await s3.stop();
    },
  };
}

objectStorageContract('S3 (s3rver)', s3Fixture);

describe('S3 storage', () => {
  it('shares objects between instances through the bucket, under its key prefix', async () => {
    const fixture = await s3Fixture();
    const other = new S3Storage({ ...fixture.location, signature: fixture.signature, urlPrefix: PREFIX, keyPrefix: 'objects/' });
    const elsewhere = new S3Storage({ ...fixture.location, signature: fixture.signature, urlPrefix: PREFIX, keyPrefix: 'other-app/' });
    try {
      await fixture.storage.put('exports/hotel-1/a.csv', 'id,total\r\n1,52000\r\n', { contentType: 'text/csv' });
      const url = await fixture.storage.signedUrl('exports/hotel-1/a.csv', { expiresInSeconds: 60 });
      const seen = await other.get('exports/hotel-1/a.csv');
      assert.ok(seen, 'another instance reads what this one wrote');
      assert.equal((await readBody(seen)).toString(), 'id,total\r\n1,52000\r\n');
      assert.equal((await downloadThroughApp(other, fixture.signature, PREFIX, url)).status, 200, 'and serves its link');
      assert.equal(await elsewhere.get('exports/hotel-1/a.csv'), undefined);
    } finally {
      other.close();
      elsewhere.close();
      await fixture.dispose();
    }
  });

  it('fails, instead of pretending, when S3 refuses the credentials', async () => {
    const fixture = await s3Fixture();
    const wrong = new S3Storage({
      ...fixture.location,
      credentials: { accessKeyId: 'SOMEONE-ELSE', secretAccessKey: 'not-the-secret' },
      signature: fixture.signature,
      urlPrefix: PREFIX,
    });
    try {
      await assert.rejects(wrong.put('x.txt', 'x', { contentType: 'text/plain' }));
    } finally {
      wrong.close();
      await fixture.dispose();
    }
  });
});
