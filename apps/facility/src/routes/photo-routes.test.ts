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

/** The same console, the same routes, for both kinds of owner: only where they live and whose photos differ. */
const OWNERS = [
  { owner: 'hotel', basePath: '/facility/photos', table: 'hotels', photoTable: 'hotel_photos', ownerColumn: 'hotel_id', login: (id: number) => `facility-${id}` },
  { owner: 'restaurant', basePath: '/facility/restaurant/photos', table: 'restaurants', photoTable: 'restaurant_photos', ownerColumn: 'restaurant_id', login: (id: number) => `restaurant-${id}` },
] as const;

for (const { owner, basePath, table, photoTable, ownerColumn, login } of OWNERS) describe(`facility ${owner} photos`, () => {
  const ctx = appUnderTest(buildFacilityApp);
  let mine = 0;
  let theirs = 0;
  let cookie = '';
  let theirCookie = '';

  before(async () => {
    const { rows } = await sql<{ id: number }>`select id from ${sql.table(table)} order by id limit 2`.execute(ctx.db.database.db);
    [mine, theirs] = [rows[0]!.id, rows[1]!.id];
    cookie = await staffSessionCookie(ctx.app, '/facility', login(mine));
    theirCookie = await staffSessionCookie(ctx.app, '/facility', login(theirs));
  });

  const upload = (parts: Part[], as = cookie) => {
    const { body, contentType } = multipartBody(parts);
    return ctx.app.inject({ method: 'POST', url: basePath, headers: { 'content-type': contentType, cookie: as, origin: 'http://localhost' }, payload: body });
  };
  const post = (url: string, fields: Record<string, string>, as = cookie) =>
    ctx.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: as, origin: 'http://localhost' }, payload: new URLSearchParams(fields).toString() });
  const photosOf = async (ownerId: number) =>
    (
      await sql<{ id: number; image_key: string; alt_ja: string; alt_en: string }>`
        select id, image_key, alt_ja, alt_en from ${sql.table(photoTable)} where ${sql.ref(ownerColumn)} = ${ownerId} order by position`.execute(ctx.db.database.db)
    ).rows;
  const storedObjects = async () =>
    (await readdir(path.join(ctx.deps.storageRoot, 'objects'), { recursive: true, withFileTypes: true }).catch(() => [])).filter((entry) => entry.isFile()).length;
  const alt = (n: number) => [
    { name: 'altJa', value: `ロビーの写真 ${n}` },
    { name: 'altEn', value: `The lobby, photo ${n}` },
  ];

  it('takes a photo by its content: a PNG named photo.txt is stored, under its owner, metadata gone', async () => {
    const res = await upload([{ name: 'image', value: await samplePng(), filename: 'photo.txt', contentType: 'text/plain' }, ...alt(1)]);
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `${basePath}?saved=0`);
    const [photo] = await photosOf(mine);
    assert.match(photo!.image_key, new RegExp(`^${owner}-${mine}/[0-9a-f]{32}-400x300\\.png$`));
    assert.equal(photo!.alt_en, 'The lobby, photo 1');
    const page = await ctx.app.inject({ url: basePath, headers: { cookie } });
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
    assert.equal((await post(`${basePath}/${second!.id}/move`, { direction: 'earlier' })).statusCode, 303);
    assert.deepEqual((await photosOf(mine)).map((p) => p.id), [second!.id, first!.id]);

    assert.equal((await post(`${basePath}/${first!.id}`, { altJa: '客室', altEn: 'A guest room' })).statusCode, 303);
    assert.equal((await photosOf(mine)).find((p) => p.id === first!.id)!.alt_en, 'A guest room');
    assert.equal((await post(`${basePath}/${first!.id}`, { altJa: '', altEn: 'x' })).statusCode, 422);

    const objects = await storedObjects();
    assert.equal((await post(`${basePath}/${second!.id}/delete`, {})).statusCode, 303);
    assert.deepEqual((await photosOf(mine)).map((p) => p.id), [first!.id]);
    assert.equal(await storedObjects(), objects - 1);
  });

  it(`cannot touch another ${owner}'s photos: every action answers 404 and changes nothing`, async () => {
    const before = await photosOf(mine);
    const objects = await storedObjects();
    const target = before[0]!.id;
    for (const [url, fields] of [
      [`${basePath}/${target}`, { altJa: '乗っ取り', altEn: 'Hijacked' }],
      [`${basePath}/${target}/move`, { direction: 'earlier' }],
      [`${basePath}/${target}/delete`, {}],
      [`${basePath}/not-a-number/delete`, {}],
    ] as const) {
      assert.equal((await post(url, fields, theirCookie)).statusCode, 404, url);
    }
    assert.deepEqual(await photosOf(mine), before);
    assert.equal(await storedObjects(), objects);
    const theirPage = await ctx.app.inject({ url: basePath, headers: { cookie: theirCookie } });
    assert.ok(!theirPage.body.includes(before[0]!.image_key));
    assert.equal((await upload([{ name: 'image', value: await sampleJpeg(), filename: 'x.jpg' }, ...alt(5)], theirCookie)).statusCode, 303);
    assert.match((await photosOf(theirs))[0]!.image_key, new RegExp(`^${owner}-${theirs}/`), 'their upload is theirs');
  });

  it('audits every change under the owner, and keeps the other kind of account out', async () => {
    const { rows } = await sql<{ action: string }>`
      select action from audit_log where target_type = ${owner} and target_id = ${String(mine)} order by id`.execute(ctx.db.database.db);
    const actions = new Set(rows.map((row) => row.action));
    for (const action of ['add', 'update', 'move', 'delete']) assert.ok(actions.has(`${owner}.photo.${action}`), action);
    const other = OWNERS.find((o) => o.owner !== owner)!;
    assert.equal((await ctx.app.inject({ url: other.basePath, headers: { cookie } })).statusCode, 403);
  });

  it('parses no upload for a visitor who is not signed in', async () => {
    const objects = await storedObjects();
    const res = await upload([{ name: 'image', value: await sampleJpeg(300, 200), filename: 'x.jpg' }, ...alt(6)], '');
    assert.equal(res.statusCode, 401);
    assert.equal(await storedObjects(), objects);
  });
});
