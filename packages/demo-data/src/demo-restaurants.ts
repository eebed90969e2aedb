import type { CourseSpec, Cuisine, RestaurantSpec } from '@hatago/dining';

/** Source material for the demo restaurants: one kind of house per cuisine, invented names. */
interface CuisineStyle {
  cuisine: Cuisine;
  names: ReadonlyArray<{ ja: string; en: string }>;
  description: { ja: string; en: string };
  seatings: RestaurantSpec['seatings'];
  opensAt: string;
  closesAt: string;
  capacity: RestaurantSpec['capacity'];
  /** Course prices per person at a middling house; the seed moves them up or down a little. */
  courses: ReadonlyArray<Omit<CourseSpec, 'weekdays'> & { weekdays?: readonly number[] }>;
}

export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7] as const;
const STRICT_FEES = [
  { withinHours: 72, percent: 30 },
  { withinHours: 24, percent: 100 },
];
const USUAL_FEES = [
  { withinHours: 48, percent: 50 },
  { withinHours: 24, percent: 100 },
];
const LIGHT_FEES = [{ withinHours: 24, percent: 50 }];
const LUNCH = { servedUntil: '14:30' } as const;
const DINNER = { servedFrom: '17:00' } as const;
const course = (ja: string, en: string, pricePerPerson: number, extra: Partial<CourseSpec>) => ({
  name: { ja, en },
  pricePerPerson,
  minParty: 1,
  maxParty: 6,
  advanceDays: 60,
  cutoffMinutes: 180,
  cancelFees: USUAL_FEES,
  ...extra,
});
const seatOnly = (maxParty: number) => course('お席のみ', 'Table only', 0, { seatOnly: true, maxParty, cutoffMinutes: 60, cancelFees: [], ...DINNER });

export const CUISINE_STYLES: readonly CuisineStyle[] = [
  {
    cuisine: 'kaiseki',
    names: [{ ja: '懐石 翠', en: 'Kaiseki Midori' }, { ja: '料亭 松風', en: 'Ryotei Matsukaze' }, { ja: '割烹 千歳', en: 'Kappo Chitose' }],
    description: { ja: '旬の素材を一品ずつ。個室でいただく季節の懐石。', en: 'Seasonal kaiseki served course by course in private rooms.' },
    seatings: [{ startsAt: '12:00', durationMinutes: 120 }, { startsAt: '18:00', durationMinutes: 180 }],
    opensAt: '11:30',
    closesAt: '22:00',
    capacity: { tables: [{ seats: 2, tables: 2, minParty: 2 }, { seats: 4, tables: 3, minParty: 3 }, { seats: 8, tables: 1, minParty: 5 }] },
    courses: [
      course('昼懐石', 'Lunch kaiseki', 15000, { ...LUNCH, minParty: 2, cancelFees: STRICT_FEES, cutoffMinutes: 1440 }),
      course('季節の懐石', 'Seasonal kaiseki', 38000, { ...DINNER, minParty: 2, maxParty: 8, cancelFees: STRICT_FEES, cutoffMinutes: 1440 }),
    ],
  },
  {
    cuisine: 'sushi',
    names: [{ ja: '鮨 はま田', en: 'Sushi Hamada' }, { ja: '鮨 一心', en: 'Sushi Isshin' }, { ja: 'すし 汐見', en: 'Sushi Shiomi' }],
    description: { ja: '檜のカウンターで握る、江戸前のおまかせ。', en: 'Edomae omakase at a hinoki counter.' },
    seatings: [{ startsAt: '12:00', durationMinutes: 90 }, { startsAt: '17:30', durationMinutes: 120 }, { startsAt: '20:00', durationMinutes: 120 }],
    opensAt: '11:30',
    closesAt: '22:30',
    capacity: { seats: 9 },
    courses: [
      course('昼のおまかせ', 'Lunch omakase', 12000, { ...LUNCH, maxParty: 4, cutoffMinutes: 1440, cancelFees: USUAL_FEES }),
      course('おまかせ', 'Omakase', 33000, { ...DINNER, maxParty: 4, cutoffMinutes: 1440, advanceDays: 30 }),
    ],
  },
  {
    cuisine: 'french',
    names: [{ ja: 'ラ・ターブル', en: 'La Table' }, { ja: 'メゾン・リュミエール', en: 'Maison Lumière' }, { ja: 'ル・ジャルダン', en: 'Le Jardin' }],
    description: { ja: '日本の旬を映すフランス料理のコース。', en: 'French tasting menus built on Japanese seasons.' },
    seatings: [{ startsAt: '12:00', durationMinutes: 150 }, { startsAt: '18:30', durationMinutes: 180 }],
    opensAt: '11:30',
    closesAt: '22:30',
    capacity: { tables: [{ seats: 2, tables: 6, minParty: 1 }, { seats: 4, tables: 3, minParty: 3 }, { seats: 6, tables: 1, minParty: 5 }] },
    courses: [
      course('ランチコース', 'Lunch menu', 9000, LUNCH),
      course('デギュスタシオン', 'Tasting menu', 28000, DINNER),
    ],
  },
  {
    cuisine: 'italian',
    names: [{ ja: 'トラットリア 海', en: 'Trattoria Umi' }, { ja: 'オステリア 月', en: 'Osteria Tsuki' }, { ja: 'リストランテ 風', en: 'Ristorante Kaze' }],
    description: { ja: '薪窯と手打ちパスタのイタリア料理。', en: 'Wood-fired Italian cooking and handmade pasta.' },
    seatings: [{ startsAt: '11:30', durationMinutes: 120 }, { startsAt: '18:00', durationMinutes: 120 }, { startsAt: '20:15', durationMinutes: 120 }],
    opensAt: '11:30',
    closesAt: '22:30',
    capacity: { tables: [{ seats: 2, tables: 8, minParty: 1 }, { seats: 4, tables: 4, minParty: 3 }] },
    courses: [
      course('ランチ', 'Pranzo', 6000, { ...LUNCH, cutoffMinutes: 60, cancelFees: LIGHT_FEES }),
      course('シェフのコース', "Chef's menu", 15000, { ...DINNER, cancelFees: LIGHT_FEES }),
      seatOnly(4),
    ],
  },
  {
    cuisine: 'teppanyaki',
    names: [{ ja: '鉄板焼 炎', en: 'Teppanyaki Homura' }, { ja: '鉄板焼 黒', en: 'Teppanyaki Kuro' }, { ja: '鉄板焼 雅', en: 'Teppanyaki Miyabi' }],
    description: { ja: '目の前で焼き上げる和牛と海の幸。', en: 'Wagyu and seafood grilled before you.' },
    seatings: [{ startsAt: '17:30', durationMinutes: 120 }, { startsAt: '20:00', durationMinutes: 120 }],
    opensAt: '17:00',
    closesAt: '22:30',
    capacity: { seats: 12 },
    courses: [
      course('和牛コース', 'Wagyu course', 24000, { ...DINNER, maxParty: 6 }),
      course('特選コース', 'Premium course', 36000, { ...DINNER, maxParty: 6 }),
    ],
  },
  {
    cuisine: 'chinese',
    names: [{ ja: '中国料理 龍', en: 'Ryu Chinese Cuisine' }, { ja: '翠園', en: 'Suien' }, { ja: '桃花林', en: 'Toukarin' }],
    description: { ja: '広東の技と日本の食材。円卓の個室も。', en: 'Cantonese technique, Japanese produce, round-table private rooms.' },
    seatings: [{ startsAt: '11:30', durationMinutes: 120 }, { startsAt: '17:30', durationMinutes: 120 }, { startsAt: '19:45', durationMinutes: 120 }],
    opensAt: '11:30',
    closesAt: '22:00',
    capacity: { tables: [{ seats: 2, tables: 4, minParty: 2 }, { seats: 4, tables: 4, minParty: 3 }, { seats: 8, tables: 2, minParty: 5 }] },
    courses: [
      course('飲茶ランチ', 'Dim sum lunch', 5500, { ...LUNCH, cutoffMinutes: 60, cancelFees: LIGHT_FEES }),
      course('北京ダックのコース', 'Peking duck menu', 18000, { ...DINNER, maxParty: 8 }),
      seatOnly(8),
    ],
  },
  {
    cuisine: 'tempura',
    names: [{ ja: '天ぷら 近江', en: 'Tempura Omi' }, { ja: '天婦羅 みかわ', en: 'Tempura Mikawa' }, { ja: '天ぷら 志満', en: 'Tempura Shima' }],
    description: { ja: '胡麻油で揚げる、季節の天ぷら。', en: 'Seasonal tempura fried in sesame oil at the counter.' },
    seatings: [{ startsAt: '12:00', durationMinutes: 90 }, { startsAt: '18:00', durationMinutes: 120 }, { startsAt: '20:30', durationMinutes: 90 }],
    opensAt: '11:30',
    closesAt: '22:00',
    capacity: { seats: 8 },
    courses: [
      course('昼の天ぷら', 'Tempura lunch', 8000, { ...LUNCH, maxParty: 4 }),
      course('おまかせ', 'Omakase', 22000, { ...DINNER, maxParty: 4 }),
    ],
  },
  {
    cuisine: 'yakitori',
    names: [{ ja: '鳥 しん', en: 'Tori Shin' }, { ja: '焼鳥 備長', en: 'Yakitori Bincho' }, { ja: '鶏 はな', en: 'Tori Hana' }],
    description: { ja: '地鶏を備長炭で。', en: 'Heritage chicken over binchotan charcoal.' },
    seatings: [{ startsAt: '17:00', durationMinutes: 120 }, { startsAt: '19:30', durationMinutes: 120 }],
    opensAt: '17:00',
    closesAt: '22:00',
    capacity: { seats: 14 },
    courses: [course('おまかせ串コース', 'Omakase skewers', 9500, { ...DINNER, cutoffMinutes: 60, cancelFees: LIGHT_FEES }), seatOnly(4)],
  },
];

/** The weekday a house closes (or none), chosen in turn: ISO 1 Monday … 7 Sunday. */
export const CLOSED_DAYS = [1, 3, 7, 2, 0] as const;
