import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvalidObjectKeyError, type ObjectStorage, readBody } from './object-storage.ts';
import { openSignedObject } from './signing/signed-download.ts';
import type { UrlSignature } from './signing/url-signature.ts';

export interface StorageFixture {
  storage: ObjectStorage;
  /** Follows a signed URL as a browser would: 200 with the bytes, or the status refusing it. */
  download(url: string): Promise<{ status: number; body?: Buffer; contentType?: string; contentDisposition?: string }>;
  /** Runs the clock that signs and checks links ahead, so expiry is tested without waiting. */
  advanceClock(seconds: number): void;
  dispose(): Promise<void>;
}

/** What the app's download route does with the parts of a signed link (see the facility's files route). */
export async function downloadThroughApp(storage: ObjectStorage, signature: UrlSignature, urlPrefix: string, url: string) {
  const parsed = new URL(url, 'http://storage.test');
  const key = parsed.pathname.slice(urlPrefix.length).split('/').map(decodeURIComponent).join('/');
  const result = await openSignedObject(storage, signature, {
    key,
    expires: parsed.searchParams.get('expires') ?? undefined,
    signature: parsed.searchParams.get('signature') ?? undefined,
  });
  if (result.status !== 'ok') return { status: result.status === 'missing' ? 404 : 403 };
  const { object } = result;
  return {
    status: 200,
    body: await readBody(object),
    contentType: object.contentType,
    ...(object.contentDisposition === undefined ? {} : { contentDisposition: object.contentDisposition }),
  };
}

/**
 * The behaviour every ObjectStorage adapter must show; each adapter's test file runs it
 * against its own fixture (the local disk here, an S3-compatible server for S3).
 */
export function objectStorageContract(adapter: string, setup: () => Promise<StorageFixture>): void {
  describe(`object storage contract: ${adapter}`, () => {
    let fixture: StorageFixture;
    let storage: ObjectStorage;
    before(async () => {
      fixture = await setup();
      storage = fixture.storage;
    });
    after(() => fixture.dispose());

    it('stores bytes and strings and returns them with their metadata', async () => {
      const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x00, 0xff, 0x41]);
      await storage.put('contract/bytes.bin', bytes, { contentType: 'application/octet-stream' });
      await storage.put('contract/text.csv', '名前,金額\r\n', {
        contentType: 'text/csv; charset=utf-8',
        contentDisposition: 'attachment; filename="text.csv"',
      });

      const binary = await storage.get('contract/bytes.bin');
      assert.ok(binary);
      assert.equal(binary.contentType, 'application/octet-stream');
      assert.equal(binary.contentDisposition, undefined);
      assert.equal(binary.size, bytes.length);
      assert.deepEqual(await readBody(binary), bytes);

      const text = await storage.get('contract/text.csv');
      assert.ok(text);
      assert.equal(text.contentType, 'text/csv; charset=utf-8');
      assert.equal(text.contentDisposition, 'attachment; filename="text.csv"');
      assert.equal(text.size, Buffer.byteLength('名前,金額\r\n'));
      assert.equal((await readBody(text)).toString('utf8'), '名前,金額\r\n');
    });

    it('replaces an object written again under the same key', async () => {
      await storage.put('contract/replace.txt', 'first version', { contentType: 'text/plain' });
      await storage.put('contract/replace.txt', 'second', { contentType: 'text/markdown' });
      const object = await storage.get('contract/replace.txt');
      assert.ok(object);
      assert.equal(object.contentType, 'text/markdown');
      assert.equal(object.size, 6);
      assert.equal((await readBody(object)).toString(), 'second');
    });

    it('answers undefined for a missing key and deletes idempotently', async () => {
      assert.equal(await storage.get('contract/never-written.txt'), undefined);
      await storage.put('contract/doomed.txt', 'x', { contentType: 'text/plain' });
      await storage.delete('contract/doomed.txt');
      assert.equal(await storage.get('contract/doomed.txt'), undefined);
      await storage.delete('contract/doomed.txt');
    });

    it('refuses keys that could escape, are absolute or carry odd characters', async () => {
      const bad = ['', '../outside.txt', 'a/../../b', 'a/..', '/etc/passwd', 'a//b', 'a\\b', 'a b', 'a\u0000b', '.hidden', 'a/', 'ä.txt', 'x'.repeat(513)];
      for (const key of bad) {
        await assert.rejects(storage.put(key, 'x', { contentType: 'text/plain' }), InvalidObjectKeyError, `put ${JSON.stringify(key)}`);
        await assert.rejects(storage.get(key), InvalidObjectKeyError, `get ${JSON.stringify(key)}`);
        await assert.rejects(storage.delete(key), InvalidObjectKeyError, `delete ${JSON.stringify(key)}`);
        await assert.rejects(storage.signedUrl(key, { expiresInSeconds: 60 }), InvalidObjectKeyError);
      }
    });

    it('serves a signed link until it expires, and only for the key it was made for', async () => {
      await storage.put('contract/signed/one.txt', 'one', { contentType: 'text/plain', contentDisposition: 'attachment; filename="one.txt"' });
      await storage.put('contract/signed/two.txt', 'two', { contentType: 'text/plain' });
      const url = await storage.signedUrl('contract/signed/one.txt', { expiresInSeconds: 120 });

      const ok = await fixture.download(url);
      assert.equal(ok.status, 200);
      assert.equal(ok.body?.toString(), 'one');
      assert.equal(ok.contentType, 'text/plain');
      assert.equal(ok.contentDisposition, 'attachment; filename="one.txt"');

      const otherKey = await fixture.download(url.replace('one.txt', 'two.txt'));
      assert.equal(otherKey.status, 403, 'a link cannot be re-pointed at another object');

      fixture.advanceClock(121);
      assert.equal((await fixture.download(url)).status, 403, 'an expired link opens nothing');
    });
  });
}
