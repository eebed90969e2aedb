import type { AmenityCode } from './hotel-amenities.ts';

/**
 * The home page's seasonal collections: each is the hotels offering one amenity, so it links to
 * the search with that filter and lists exactly what the search finds. Retitled by season
 * here; a collection needs no data of its own.
 */
export const HOTEL_COLLECTIONS = [
  {
    id: 'winter-onsen',
    amenity: 'onsen',
    title: { ja: '冬の温泉宿', en: 'Onsen stays for winter' },
    lead: { ja: '雪見の湯と炉端の夕餉。冷えた体を温泉で温める旅へ。', en: 'Hot springs under the snow and dinner by the hearth.' },
  },
  {
    id: 'club-lounge',
    amenity: 'club-lounge',
    title: { ja: 'クラブラウンジで過ごす年末年始', en: 'Club lounge stays for the holidays' },
    lead: { ja: '朝食からカクテルタイムまで、ラウンジでゆったりと。', en: 'Breakfast to evening cocktails, in the quiet of the lounge.' },
  },
] as const satisfies ReadonlyArray<{ id: string; amenity: AmenityCode; title: { ja: string; en: string }; lead: { ja: string; en: string } }>;

export type HotelCollection = (typeof HOTEL_COLLECTIONS)[number];
