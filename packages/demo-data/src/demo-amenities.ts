import type { AmenityCode, SmokingPolicy } from '@hatago/catalog';

/**
 * What each demo hotel offers and its house rules, from its style and its area alone (no
 * dice: the seed's rolls stay as they were), so every fresh start and every top-up agree.
 */
const BY_STYLE: Record<string, { amenities: AmenityCode[]; childrenMinAge: number; smoking: SmokingPolicy }> = {
  'Grand Hotel': { amenities: ['restaurant', 'bar', 'fitness', 'spa', 'parking', 'wheelchair-accessible'], childrenMinAge: 0, smoking: 'smoking_rooms' },
  'Ryokan Kasumi': { amenities: ['onsen', 'open-air-bath', 'private-onsen', 'restaurant', 'parking'], childrenMinAge: 0, smoking: 'smoking_area' },
  'The Residence': { amenities: ['club-lounge', 'restaurant', 'bar', 'fitness', 'pool', 'spa', 'wheelchair-accessible'], childrenMinAge: 12, smoking: 'non_smoking' },
  'Hotel Seiran': { amenities: ['restaurant', 'bar', 'fitness', 'parking', 'wheelchair-accessible'], childrenMinAge: 0, smoking: 'smoking_area' },
  'Onsen Resort Hanakaze': { amenities: ['onsen', 'open-air-bath', 'spa', 'pool', 'restaurant', 'parking', 'pets-allowed'], childrenMinAge: 0, smoking: 'non_smoking' },
  'Villa Tsukikage': { amenities: ['private-onsen', 'pool', 'spa', 'restaurant', 'parking', 'pets-allowed'], childrenMinAge: 18, smoking: 'non_smoking' },
  'Park Tower Hotel': { amenities: ['restaurant', 'bar', 'fitness', 'wheelchair-accessible'], childrenMinAge: 0, smoking: 'non_smoking' },
};

// hot-spring towns: every hotel draws the spring; cities: the big hotels keep a club floor
const HOT_SPRING_AREAS = new Set(['hakone', 'izu', 'hokkaido', 'karuizawa']);
const CITY_AREAS = new Set(['tokyo', 'osaka', 'kyoto', 'fukuoka']);
const AIRPORT_AREAS = new Set(['okinawa', 'hokkaido', 'fukuoka']);
const BEACH_AREAS = new Set(['okinawa']);

const ACCESS: Record<string, { ja: string; en: string }> = {
  tokyo: { ja: '東京駅から車で10分', en: '10 minutes by car from Tokyo Station' },
  kyoto: { ja: '京都駅から車で15分', en: '15 minutes by car from Kyoto Station' },
  osaka: { ja: '大阪駅から徒歩8分', en: '8 minutes on foot from Osaka Station' },
  hakone: { ja: '箱根湯本駅から車で15分', en: '15 minutes by car from Hakone-Yumoto Station' },
  karuizawa: { ja: '軽井沢駅から車で10分', en: '10 minutes by car from Karuizawa Station' },
  kanazawa: { ja: '金沢駅から車で12分', en: '12 minutes by car from Kanazawa Station' },
  okinawa: { ja: '那覇空港から車で60分', en: '60 minutes by car from Naha Airport' },
  hokkaido: { ja: '新千歳空港から車で70分', en: '70 minutes by car from New Chitose Airport' },
  izu: { ja: '伊豆急下田駅から車で20分', en: '20 minutes by car from Izukyu-Shimoda Station' },
  fukuoka: { ja: '博多駅から車で10分', en: '10 minutes by car from Hakata Station' },
};

export interface DemoHotelFeatures {
  amenities: AmenityCode[];
  policies: { children_min_age: number; smoking_policy: SmokingPolicy; access_ja: string; access_en: string };
}

/** The demo features of a hotel of this style (its English name) in this area; undefined for a style the demo does not know. */
export function demoHotelFeatures(styleEn: string, areaId: string): DemoHotelFeatures | undefined {
  const style = BY_STYLE[styleEn];
  if (!style) return undefined;
  const amenities = new Set(style.amenities);
  if (HOT_SPRING_AREAS.has(areaId)) ['onsen', 'open-air-bath'].forEach((a) => amenities.add(a as AmenityCode));
  if (CITY_AREAS.has(areaId) && (styleEn === 'Grand Hotel' || styleEn === 'Park Tower Hotel')) amenities.add('club-lounge');
  if (AIRPORT_AREAS.has(areaId)) amenities.add('airport-shuttle');
  if (BEACH_AREAS.has(areaId)) amenities.add('pool');
  const access = ACCESS[areaId] ?? { ja: '', en: '' };
  return {
    amenities: [...amenities],
    policies: { children_min_age: style.childrenMinAge, smoking_policy: style.smoking, access_ja: access.ja, access_en: access.en },
  };
}
