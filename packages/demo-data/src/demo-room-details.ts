import type { BedType, RoomView } from '@hatago/catalog';

/**
 * Beds, size, view and a line of text for each demo room type, from the hotel's style, its
 * area and the room type alone (no dice: the seed's rolls stay as they were), so every fresh
 * start and every top-up agree. Ryokan lay futons on tatami in larger rooms over a garden or
 * the mountains; city hotels look over the city; resorts elsewhere over the sea or the hills.
 */
const RYOKAN_STYLES = new Set(['Ryokan Kasumi', 'Onsen Resort Hanakaze']);
const CITY_AREAS = new Set(['tokyo', 'osaka', 'kyoto', 'fukuoka']);
const SEA_AREAS = new Set(['okinawa', 'izu']);
const MOUNTAIN_AREAS = new Set(['hakone', 'karuizawa', 'hokkaido']);

/** By the room type's English name (ROOM_TYPES in demo-catalog.ts): beds in a hotel, and a ryokan's larger room. */
const BY_ROOM: Record<string, { bed: BedType; ryokanSqm: number; suite: boolean }> = {
  'Deluxe Twin': { bed: 'twin', ryokanSqm: 48, suite: false },
  'Superior Double': { bed: 'double', ryokanSqm: 42, suite: false },
  'Japanese Room with Open-air Bath': { bed: 'futon-on-tatami', ryokanSqm: 58, suite: false },
  'Junior Suite': { bed: 'king', ryokanSqm: 75, suite: true },
  'Presidential Suite': { bed: 'king', ryokanSqm: 140, suite: true },
};

const BED_TEXT: Record<BedType, { ja: string; en: string }> = {
  twin: { ja: 'ベッドを二台備えた客室です。', en: 'A room with two beds.' },
  double: { ja: 'ダブルベッドの客室です。', en: 'A room with a double bed.' },
  queen: { ja: 'クイーンベッドの客室です。', en: 'A room with a queen bed.' },
  king: { ja: 'キングベッドの客室です。', en: 'A room with a king bed.' },
  'futon-on-tatami': { ja: '畳の和室で、夜は布団をお敷きします。', en: 'A tatami room; your futon is laid out in the evening.' },
};

const VIEW_TEXT: Record<RoomView, { ja: string; en: string }> = {
  sea: { ja: '窓の外には海が広がります。', en: 'The sea fills the windows.' },
  mountain: { ja: '窓から山々を望みます。', en: 'The windows look out on the mountains.' },
  garden: { ja: '庭園に面しています。', en: 'It faces the garden.' },
  city: { ja: '街の夜景をお楽しみいただけます。', en: 'The city lights are yours at night.' },
  none: { ja: '', en: '' },
};

const SUITE_TEXT = { ja: '居間を別に設けています。', en: 'A separate living room.' };

export interface DemoRoomDetails {
  bed_type: BedType;
  room_view: RoomView;
  size_sqm: number;
  description: string;
  description_en: string;
}

function viewOf(ryokan: boolean, areaId: string): RoomView {
  if (ryokan) return MOUNTAIN_AREAS.has(areaId) ? 'mountain' : 'garden';
  if (CITY_AREAS.has(areaId)) return 'city';
  if (SEA_AREAS.has(areaId)) return 'sea';
  return MOUNTAIN_AREAS.has(areaId) ? 'mountain' : 'garden';
}

/** The demo details of a room type (its English name and size) at a hotel of this style in this area; undefined for a room the demo does not know. */
export function demoRoomDetails(styleEn: string, areaId: string, room: { en: string; sizeSqm: number }): DemoRoomDetails | undefined {
  const spec = BY_ROOM[room.en];
  if (!spec) return undefined;
  const ryokan = RYOKAN_STYLES.has(styleEn);
  const bed = ryokan ? 'futon-on-tatami' : spec.bed;
  const view = viewOf(ryokan, areaId);
  const suite = spec.suite ? SUITE_TEXT : { ja: '', en: '' };
  return {
    bed_type: bed,
    room_view: view,
    size_sqm: ryokan ? spec.ryokanSqm : room.sizeSqm,
    description: BED_TEXT[bed].ja + suite.ja + VIEW_TEXT[view].ja,
    description_en: [BED_TEXT[bed].en, suite.en, VIEW_TEXT[view].en].filter(Boolean).join(' '),
  };
}
