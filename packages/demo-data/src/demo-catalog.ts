/** Source material for the demo catalogue: real Japanese destinations, invented hotels. */
export const DEMO_AREAS = [
  { id: 'tokyo', ja: '東京', en: 'Tokyo' },
  { id: 'kyoto', ja: '京都', en: 'Kyoto' },
  { id: 'osaka', ja: '大阪', en: 'Osaka' },
  { id: 'hakone', ja: '箱根', en: 'Hakone' },
  { id: 'karuizawa', ja: '軽井沢', en: 'Karuizawa' },
  { id: 'kanazawa', ja: '金沢', en: 'Kanazawa' },
  { id: 'okinawa', ja: '沖縄', en: 'Okinawa' },
  { id: 'hokkaido', ja: '北海道', en: 'Hokkaido' },
  { id: 'izu', ja: '伊豆', en: 'Izu' },
  { id: 'fukuoka', ja: '福岡', en: 'Fukuoka' },
] as const;

export const HOTEL_STYLES = [
  { ja: 'グランドホテル', en: 'Grand Hotel', stars: 5 },
  { ja: '旅館 霞', en: 'Ryokan Kasumi', stars: 5 },
  { ja: 'ザ・レジデンス', en: 'The Residence', stars: 5 },
  { ja: 'ホテル 青嵐', en: 'Hotel Seiran', stars: 4 },
  { ja: '温泉リゾート 花風', en: 'Onsen Resort Hanakaze', stars: 4 },
  { ja: 'ヴィラ 月影', en: 'Villa Tsukikage', stars: 5 },
  { ja: 'パークタワーホテル', en: 'Park Tower Hotel', stars: 4 },
] as const;

export const ROOM_TYPES = [
  { ja: 'デラックスツイン', en: 'Deluxe Twin', capacity: 2, sizeSqm: 38, rooms: 12, factor: 1.0 },
  { ja: 'スーペリアダブル', en: 'Superior Double', capacity: 2, sizeSqm: 32, rooms: 10, factor: 0.85 },
  { ja: '和室(露天風呂付き)', en: 'Japanese Room with Open-air Bath', capacity: 4, sizeSqm: 55, rooms: 6, factor: 1.6 },
  { ja: 'ジュニアスイート', en: 'Junior Suite', capacity: 3, sizeSqm: 60, rooms: 4, factor: 2.0 },
  { ja: 'プレジデンシャルスイート', en: 'Presidential Suite', capacity: 4, sizeSqm: 120, rooms: 1, factor: 4.5 },
] as const;

export const PLANS = [
  { ja: '素泊まり', en: 'Room only', meals: 'room_only', factor: 1.0, freeCancelDays: 1, feePercent: 50 },
  { ja: '朝食付き', en: 'With breakfast', meals: 'breakfast', factor: 1.15, freeCancelDays: 3, feePercent: 80 },
  { ja: '1泊2食付き 季節の懐石', en: 'Kaiseki dinner and breakfast', meals: 'half_board', factor: 1.6, freeCancelDays: 7, feePercent: 100 },
] as const;

export const DEMO_PASSWORD = 'hatago-demo-pass';
