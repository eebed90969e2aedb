import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { downloadThroughApp, objectStorageContract } from '../object-storage.contract.ts';
import { readBody } from '../object-storage.ts';
import { UrlSignature } from '../signing/url-signature.ts';
import { S3Storage } from './s3-storage.ts';
import { startTestS3 } from './s3-test-server.ts';

const PREFIX = '/files/';

async function s3Fixture() {
  const s3 = await startTestS3();
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
