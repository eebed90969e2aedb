import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { banner, documentText } from '../testing/banner-fixtures.ts';
import { BANNER_SCHEMA, BANNER_SLOTS } from './banner-document.ts';
import { isImageKey } from './image-source.ts';
import { checkBannerDocument } from './validate-document.ts';

const errorsOf = (text: string, knownAreas?: Set<string>) => {
  const check = checkBannerDocument(text, knownAreas ? { knownAreas } : {});
  assert.equal(check.ok, false);
  return check.ok ? [] : check.errors;
};

describe('banner document validation', () => {
  it('accepts the document shape of the issue, image by key or https URL, link by path or https URL', () => {
    const text = documentText(
      banner({ id: 'a', image: 'banners/0123456789abcdef0123456789abcdef-1600x900.jpg', target: { areas: ['kyoto'], lang: 'en', members: false } }),
      banner({ id: 'b', slot: 'home-carousel', link: 'https://partner.example/offer' }),
    );
    const check = checkBannerDocument(text, { knownAreas: new Set(['kyoto']) });
    assert.equal(check.ok, true, JSON.stringify(check));
  });

  it('reports every error at once, each with its JSON path', () => {
    const bad = {
      banners: [
        { ...banner({ id: 'Bad Id' }), slot: 'footer', image: 'ftp://x/y.png', link: '//evil.example', alt: { ja: '' }, start: '2027-01-01', priority: 1.5, colour: 'red' },
        banner({ id: 'dup', start: '2027-02-01T00:00:00+09:00', end: '2027-01-01T00:00:00+09:00' }),
        banner({ id: 'dup', target: { areas: ['kyoto', 'atlantis'], lang: 'fr' as 'ja' } }),
      ],
    };
    const errors = errorsOf(JSON.stringify(bad), new Set(['kyoto']));
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    assert.deepEqual(Object.keys(byPath).sort(), [
      '$.banners[0].alt.en',
      '$.banners[0].alt.ja',
      '$.banners[0].colour',
      '$.banners[0].id',
      '$.banners[0].image',
      '$.banners[0].link',
      '$.banners[0].priority',
      '$.banners[0].slot',
      '$.banners[0].start',
      '$.banners[1].end',
      '$.banners[2].id',
      '$.banners[2].target.areas[1]',
      '$.banners[2].target.lang',
    ]);
    assert.equal(errors.length, 13, 'one error per problem: the alternatives of image and link are folded');
    assert.equal(byPath['$.banners[0].alt.en'], 'is required');
    assert.match(byPath['$.banners[0].image']!, /image's key .* or an https:\/\/ URL/);
    assert.match(byPath['$.banners[0].start']!, /ISO 8601 .* offset/);
    assert.equal(byPath['$.banners[1].end'], 'must be after start');
    assert.equal(byPath['$.banners[2].id'], 'repeats the id of $.banners[1]');
    assert.match(byPath['$.banners[0].slot']!, /"home-hero", "home-carousel"/);
  });

  it('refuses text that is not JSON, and a document without banners, with the path $', () => {
    assert.match(errorsOf('{"banners": [')[0]!.message, /is not JSON/);
    assert.deepEqual(errorsOf('{}'), [{ path: '$.banners', message: 'is required' }]);
    assert.deepEqual(errorsOf('[]').map((e) => e.path), ['$']);
  });

  it('keeps the schema, the slot list and the image key format in agreement', () => {
    const slot = ((BANNER_SCHEMA.$defs as any).banner.properties.slot as { enum: string[] }).enum;
    assert.deepEqual(slot, [...BANNER_SLOTS]);
    const schemaKey = new RegExp((BANNER_SCHEMA.$defs as any).imageKey.pattern);
    const keys = ['hotel-12/3f9ac01b3f9ac01b3f9ac01b3f9ac01b-1600x1067.jpg', 'banners/0123456789abcdef0123456789abcdef-99999x1.png'];
    const notKeys = ['https://x.example/a.jpg', 'Hotel/3f9ac01b3f9ac01b3f9ac01b3f9ac01b-1x1.jpg', 'b/3f9ac01b-1x1.jpg', 'b/3f9ac01b3f9ac01b3f9ac01b3f9ac01b-0x1.png', 'b/3f9ac01b3f9ac01b3f9ac01b3f9ac01b-1x1.gif', 'b/3f9ac01b3f9ac01b3f9ac01b3f9ac01b-1x1.jpg/x'];
    for (const key of keys) assert.deepEqual([isImageKey(key), schemaKey.test(key)], [true, true], key);
    for (const notKey of notKeys) assert.deepEqual([isImageKey(notKey), schemaKey.test(notKey)], [false, false], notKey);
  });
});
