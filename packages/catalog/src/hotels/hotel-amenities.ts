/**
 * What a hotel offers, as a fixed list of codes: search filters on them, the hotel's page and
 * the search results show their labels, and the facility console ticks them. One list, so a
 * code is never shown without a label or filtered without being offerable. The order is the
 * order guests read them in.
 */
export const AMENITIES = {
  onsen: { ja: '温泉', en: 'Hot spring (onsen)' },
  'open-air-bath': { ja: '露天風呂', en: 'Open-air bath' },
  'private-onsen': { ja: '客室露天風呂', en: 'Private onsen in room' },
  spa: { ja: 'スパ・エステ', en: 'Spa' },
  pool: { ja: 'プール', en: 'Pool' },
  fitness: { ja: 'フィットネス', en: 'Fitness room' },
  'club-lounge': { ja: 'クラブラウンジ', en: 'Club lounge' },
  restaurant: { ja: 'レストラン', en: 'Restaurant' },
  bar: { ja: 'バー', en: 'Bar' },
  parking: { ja: '駐車場', en: 'Parking' },
  'airport-shuttle': { ja: '空港送迎', en: 'Airport shuttle' },
  'pets-allowed': { ja: 'ペット同伴可', en: 'Pets allowed' },
  'wheelchair-accessible': { ja: '車椅子対応', en: 'Wheelchair accessible' },
} as const satisfies Record<string, { ja: string; en: string }>;

export type AmenityCode = keyof typeof AMENITIES;

export const AMENITY_CODES = Object.keys(AMENITIES) as AmenityCode[];

export const isAmenityCode = (value: unknown): value is AmenityCode => typeof value === 'string' && Object.hasOwn(AMENITIES, value);

/** Codes in the list's order, each once: what a hotel stores and every answer shows. */
export const inAmenityOrder = (codes: Iterable<string>): AmenityCode[] => {
  const present = new Set(codes);
  return AMENITY_CODES.filter((code) => present.has(code));
};

export const amenityLabel = (code: AmenityCode, locale: 'ja' | 'en'): string => AMENITIES[code][locale];
