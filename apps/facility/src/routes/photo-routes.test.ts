import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { samplePng, sampleJpeg } from '@hatago/images/testing';
import { appUnderTest, staffSessionCookie } from '@hatago/test-support';
import { buildFacilityApp } from '../facility-app.ts';

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body as a browser sends it. */
function multipartBody(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = '----hatago-test-boundary-7d3f';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType === undefined ? '' : `\r\nContent-Type: ${part.contentType}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('facility hotel photos', () => {
  const ctx = appUnderTest(buildFacilityApp);
  let mine = 0;
  let theirs = 0;
  let cookie = '';
  let theirCookie = '';

  before(async () => {
    const { rows } = await sql<{ id: number }>`select id from hotels order by id limit 2`.execute(ctx.db.database.db);
    [mine, theirs] = [rows[0]!.id, rows[1]!.id];
    cookie = await staffSessionCookie(ctx.app, '/facility', `facility-${mine}`);
    theirCookie = await staffSessionCookie(ctx.app, '/facility', `facility-${theirs}`);
  });

  const upload = (parts: Part[], as = cookie) => {
    const { body, contentType } = multipartBody(parts);
    return ctx.app.inject({ method: 'POST', url: '/facility/photos', headers: { 'content-type': contentType, cookie: as, origin: 'http://localhost' }, payload: body });
  };
  const post = (url: string, fields: Record<string, string>, as = cookie) =>
    ctx.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: as, origin: 'http://localhost' }, payload: new URLSearchParams(fields).toString() });
  const photosOf = async (hotelId: number) =>
    (
      await sql<{ id: number; image_key: string; alt_ja: string; alt_en: string }>`
        select id, image_key, alt_ja, alt_en from hotel_photos where hotel_id = ${hotelId} order by position`.execute(ctx.db.database.db)
    ).rows;
  const storedObjects = async () =>
    (await readdir(path.join(ctx.deps.storageRoot, 'objects'), { recursive: true, withFileTypes: true }).catch(() => [])).filter((entry) => entry.isFile()).length;
  const alt = (n: number) => [
    { name: 'altJa', value: `ロビーの写真 ${n}` },
    { name: 'altEn', value: `The lobby, photo ${n}` },
  ];

  it('takes a photo by its content: a PNG named photo.txt is stored, under the hotel, metadata gone', async () => {
    const res = await upload([{ name: 'image', value: await samplePng(), filename: 'photo.txt', contentType: 'text/plain' }, ...alt(1)]);
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/facility/photos?saved=0');
    const [photo] = await photosOf(mine);
    assert.match(photo!.image_key, new RegExp(`^hotel-${mine}/[0-9a-f]{32}-400x300\\.png$`));
    assert.equal(photo!.alt_en, 'The lobby, photo 1');
    const page = await ctx.app.inject({ url: '/facility/photos', headers: { cookie } });
    assert.ok(page.body.includes(`/images/${photo!.image_key}?w=320`));
  });

  it('refuses a text file named photo.png, a missing description and an oversized file, storing nothing', async () => {
    const rows = (await photosOf(mine)).length;
    const objects = await storedObjects();
    const text = await upload([{ name: 'image', value: 'just some text, honestly\n', filename: 'photo.png', contentType: 'image/png' }, ...alt(2)]);
    assert.equal(text.statusCode, 422);
    assert.match(text.body, /is not a JPEG, PNG, WebP, AVIF or GIF image/);
    assert.ok(text.body.includes('value="The lobby, photo 2"'), 'keeps what was typed');

    const noAlt = await upload([{ name: 'image', value: await sampleJpeg(), filename: 'a.jpg', contentType: 'image/jpeg' }, { name: 'altJa', value: 'ロビー' }]);
    assert.equal(noAlt.statusCode, 422);
    assert.match(noAlt.body, /English description of the photo is required/);

    const huge = Buffer.concat([await sampleJpeg(), Buffer.alloc(16 * 1024 * 1024)]);
    const tooLarge = await upload([{ name: 'image', value: huge, filename: 'big.jpg', contentType: 'image/jpeg' }, ...alt(3)]);
    assert.equal(tooLarge.statusCode, 422);
    assert.match(tooLarge.body, /is larger than 15 MB/);

    assert.equal((await photosOf(mine)).length, rows);
    assert.equal(await storedObjects(), objects);
  });

  it('reorders, renames and deletes its own photos; a deleted photo leaves storage', async () => {
    assert.equal((await upload([{ name: 'image', value: await sampleJpeg(640, 480), filename: 'b.jpg', contentType: 'image/jpeg' }, ...alt(4)])).statusCode, 303);
    const [first, second] = await photosOf(mine);
    assert.equal((await post(`/facility/photos/${second!.id}/move`, { direction: 'earlier' })).statusCode, 303);
    assert.deepEqual((await photosOf(mine)).map((p) => p.id), [second!.id, first!.id]);

    assert.equal((await post(`/facility/photos/${first!.id}`, { altJa: '客室', altEn: 'A guest room' })).statusCode, 303);
    assert.equal((await photosOf(mine)).find((p) => p.id === first!.id)!.alt_en, 'A guest room');
    assert.equal((await post(`/facility/photos/${first!.id}`, { altJa: '', altEn: 'x' })).statusCode, 422);

    const objects = await storedObjects();
    assert.equal((await post(`/facility/photos/${second!.id}/delete`, {})).statusCode, 303);
    assert.deepEqual((await photosOf(mine)).map((p) => p.id), [first!.id]);
    assert.equal(await storedObjects(), objects - 1);
  });

  it("cannot touch another hotel's photos: every action answers 404 and changes nothing", async () => {
    const before = await photosOf(mine);
    const objects = await storedObjects();
    const target = before[0]!.id;
    for (const [url, fields] of [
      [`/facility/photos/${target}`, { altJa: '乗っ取り', altEn: 'Hijacked' }],
      [`/facility/photos/${target}/move`, { direction: 'earlier' }],
      [`/facility/photos/${target}/delete`, {}],
      ['/facility/photos/not-a-number/delete', {}],
    ] as const) {
      assert.equal((await post(url, fields, theirCookie)).statusCode, 404, url);
    }
    assert.deepEqual(await photosOf(mine), before);
    assert.equal(await storedObjects(), objects);
    const theirPage = await ctx.app.inject({ url: '/facility/photos', headers: { cookie: theirCookie } });
    assert.ok(!theirPage.body.includes(before[0]!.image_key));
    assert.equal((await upload([{ name: 'image', value: await sampleJpeg(), filename: 'x.jpg' }, ...alt(5)], theirCookie)).statusCode, 303);
    assert.match((await photosOf(theirs))[0]!.image_key, new RegExp(`^hotel-${theirs}/`), 'their upload is theirs');
  });

  it('parses no upload for a visitor who is not signed in', async () => {
    const objects = await storedObjects();
    const res = await upload([{ name: 'image', value: await sampleJpeg(300, 200), filename: 'x.jpg' }, ...alt(6)], '');
    assert.equal(res.statusCode, 401);
    assert.equal(await storedObjects(), objects);
  });
});
