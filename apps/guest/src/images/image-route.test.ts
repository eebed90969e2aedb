import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { IMAGE_WIDTHS, storeImage } from '@hatago/images';
import { formatOfBytes, sampleJpeg } from '@hatago/images/testing';
import { appUnderTest } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';

const CHROME = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

describe('image route', () => {
  const ctx = appUnderTest(buildGuestApp);
  let key = '';
  before(async () => {
    ({ key } = await storeImage(ctx.deps.storage, await sampleJpeg(1000, 750), { owner: 'hotel-1' }));
  });

  it('serves the width asked in the format Accept prefers, cacheable for a year', async () => {
    for (const [accept, format] of [[CHROME, 'avif'], ['image/webp,*/*', 'webp'], ['*/*', 'jpeg']] as const) {
      const res = await ctx.app.inject({ url: `/images/${key}?w=320`, headers: { accept } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(formatOfBytes(res.rawPayload), format);
      assert.equal(res.headers['content-type'], `image/${format}`);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(res.headers.vary, 'Accept');
      assert.match(String(res.headers.etag), /^"[^"]+"$/, 'a strong ETag');
    }
  });

  it('answers a conditional GET with 304 and no body, and a changed format with 200', async () => {
    const first = await ctx.app.inject({ url: `/images/${key}?w=160`, headers: { accept: 'image/webp' } });
    const etag = String(first.headers.etag);
    const again = await ctx.app.inject({ url: `/images/${key}?w=160`, headers: { accept: 'image/webp', 'if-none-match': `"other", W/${etag}` } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    assert.equal(again.headers.etag, etag);
    assert.equal(again.headers['cache-control'], 'public, max-age=31536000, immutable');
    const otherFormat = await ctx.app.inject({ url: `/images/${key}?w=160`, headers: { accept: 'image/avif', 'if-none-match': etag } });
    assert.equal(otherFormat.statusCode, 200);
  });

  it('refuses widths outside the list with problem+json 400, naming the list', async () => {
    for (const w of ['100', '321', '99999', 'abc', '', '-320', '0320', '320.0', '3.2e2', '320&w=640']) {
      const res = await ctx.app.inject({ url: `/images/${key}?w=${w}` });
      assert.equal(res.statusCode, 400, `w=${w}`);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.json().code, 'IMAGE_WIDTH_NOT_ALLOWED');
      assert.match(res.json().detail, new RegExp(IMAGE_WIDTHS.join(', ')));
    }
    assert.equal((await ctx.app.inject({ url: `/images/${key}` })).statusCode, 400, 'no width');
  });

  it('answers 404 problem+json for a key never stored or not a key at all', async () => {
    const unknown = key.replace(/\/(.)/, (_, first: string) => `/${first === 'f' ? 'e' : 'f'}`);
    for (const url of [`/images/${unknown}?w=160`, '/images/hotel-1/nope.jpg?w=160', '/images/..%2F..%2Fsigning-secret?w=160', '/images/?w=160']) {
      const res = await ctx.app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().code, 'IMAGE_NOT_FOUND');
    }
  });
});
