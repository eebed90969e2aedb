import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { banner } from '../testing/banner-fixtures.ts';
import { liveBanners, nextBannerChange } from './live-banners.ts';

const at = (iso: string) => new Date(iso);
const ids = (banners: Array<{ id: string }>) => banners.map((b) => b.id);

describe('live banners', () => {
  const document = {
    banners: [
      banner({ id: 'low', priority: 1 }),
      banner({ id: 'high', priority: 50, start: '2027-03-01T00:00:00+09:00', end: '2027-03-08T00:00:00+09:00' }),
      banner({ id: 'c1', slot: 'home-carousel', priority: 5 }),
      banner({ id: 'c2', slot: 'home-carousel', priority: 9, target: { lang: 'en' } }),
      banner({ id: 'kyoto', slot: 'area-results', target: { areas: ['kyoto'] } }),
      banner({ id: 'members', slot: 'hotel-side', target: { members: true } }),
      banner({ id: 'visitors', slot: 'hotel-side', priority: 1, target: { members: false } }),
    ],
  };
  const audience = { lang: 'ja' as const, area: null, member: false };

  it('shows each slot its live banners, highest priority first, up to its capacity', () => {
    assert.deepEqual(ids(liveBanners(document, at('2027-02-01T00:00:00+09:00'), audience)['home-hero']), ['low']);
    assert.deepEqual(ids(liveBanners(document, at('2027-03-01T00:00:00+09:00'), audience)['home-hero']), ['high'], 'start is inclusive');
    assert.deepEqual(ids(liveBanners(document, at('2027-03-08T00:00:00+09:00'), audience)['home-hero']), ['low'], 'end is exclusive');
    assert.deepEqual(ids(liveBanners(document, at('2026-12-31T23:59:59+09:00'), audience)['home-hero']), [], 'nothing before its start');
  });

  it('targets by language, area and membership, in the visitor\'s language', () => {
    const now = at('2027-02-01T00:00:00+09:00');
    assert.deepEqual(ids(liveBanners(document, now, audience)['home-carousel']), ['c1']);
    const en = liveBanners(document, now, { ...audience, lang: 'en' });
    assert.deepEqual(ids(en['home-carousel']), ['c2', 'c1']);
    assert.equal(en['home-hero'][0]!.caption, 'Kyoto in spring');
    assert.deepEqual(ids(liveBanners(document, now, audience)['area-results']), [], 'a page with no area shows no area banner');
    assert.deepEqual(ids(liveBanners(document, now, { ...audience, area: 'kyoto' })['area-results']), ['kyoto']);
    assert.deepEqual(ids(liveBanners(document, now, { ...audience, area: 'tokyo' })['area-results']), []);
    assert.deepEqual(ids(liveBanners(document, now, audience)['hotel-side']), ['visitors']);
    assert.deepEqual(ids(liveBanners(document, now, { ...audience, member: true })['hotel-side']), ['members']);
    assert.deepEqual(ids(liveBanners(document, now, { lang: 'ja' })['hotel-side']), ['members'], 'without an audience only language filters: the member banner competes too');
  });

  it('names the next start or end of the given slots', () => {
    assert.equal(nextBannerChange(document, at('2027-02-01T00:00:00+09:00'))?.toISOString(), '2027-02-28T15:00:00.000Z');
    assert.equal(nextBannerChange(document, at('2027-03-01T00:00:00+09:00'), ['home-hero'])?.toISOString(), '2027-03-07T15:00:00.000Z');
    assert.equal(nextBannerChange(document, at('2027-03-01T00:00:00+09:00'), ['area-results'])?.toISOString(), '2027-12-31T15:00:00.000Z');
    assert.equal(nextBannerChange(document, at('2029-01-01T00:00:00Z')), undefined);
  });
});
