import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { downloadThroughApp, objectStorageContract } from '../object-storage.contract.ts';
import { UrlSignature } from '../signing/url-signature.ts';
import { LocalStorage } from './local-storage.ts';

const PREFIX = '/files/';

async function localFixture() {
  const root = await mkdtemp(path.join(tmpdir(), 'hatago-storage-'));
  let offsetMs = 0;
  const signature = new UrlSignature('contract-test-secret-0123456789abcdef', () => Date.now() + offsetMs);
  const storage = new LocalStorage({ root, signature, urlPrefix: PREFIX });
  return {
    root,
    storage,
    advanceClock: (seconds: number) => {
      offsetMs += seconds * 1000;
    },
    download: (url: string) => downloadThroughApp(storage, signature, PREFIX, url),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

objectStorageContract('local disk', localFixture);

describe('local storage on disk', () => {
  it('keeps objects inside its root and leaves no temporary files behind', async () => {
    const fixture = await localFixture();
    try {
      await fixture.storage.put('exports/hotel-1/a.csv', 'a', { contentType: 'text/csv' });
      await fixture.storage.put('exports/hotel-1/a.csv', 'b', { contentType: 'text/csv' });
      assert.deepEqual(await readdir(path.join(fixture.root, 'objects', 'exports', 'hotel-1')), ['a.csv']);
      assert.deepEqual(await readdir(path.join(fixture.root, 'tmp')), []);
    } finally {
      await fixture.dispose();
    }
  });

  it('refuses a link whose expiry or signature was edited, or that lacks either', async () => {
    const fixture = await localFixture();
    try {
      await fixture.storage.put('doc.txt', 'secret', { contentType: 'text/plain' });
      const url = await fixture.storage.signedUrl('doc.txt', { expiresInSeconds: 60 });
      const parsed = new URL(url, 'http://storage.test');
      const expires = parsed.searchParams.get('expires')!;
      const signature = parsed.searchParams.get('signature')!;
      const later = url.replace(`expires=${expires}`, `expires=${Number(expires) + 3600}`);
      const flipped = url.replace(`signature=${signature}`, `signature=${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`);
      assert.equal((await fixture.download(url)).status, 200);
      assert.equal((await fixture.download(later)).status, 403);
      assert.equal((await fixture.download(flipped)).status, 403);
      assert.equal((await fixture.download('/files/doc.txt')).status, 403);
      assert.equal((await fixture.download(`/files/doc.txt?expires=${expires}&signature=short`)).status, 403);
    } finally {
      await fixture.dispose();
    }
  });

  it('does not accept a link signed with another secret', () => {
    const mine = new UrlSignature('first-secret-0123456789abcdefghij');
    const theirs = new UrlSignature('other-secret-0123456789abcdefghij');
    const { expires, signature } = theirs.sign('doc.txt', 60);
    assert.equal(mine.verify('doc.txt', String(expires), signature), 'invalid');
    assert.equal(theirs.verify('doc.txt', String(expires), signature), 'valid');
  });
});
