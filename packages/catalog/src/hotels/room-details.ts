/**
 * What a guest reads about a room type beyond its name: the beds and the view, as fixed lists
 * of codes with their labels in both languages, and the size range a room type may state.
 * One file, so the facility form, the database's stored codes and the guest pages cannot
 * disagree on a code or show one without its label. The order is the order forms offer them.
 */
export const BED_TYPES = {
  twin: { ja: 'ツイン', en: 'Twin beds' },
  double: { ja: 'ダブル', en: 'Double bed' },
  queen: { ja: 'クイーン', en: 'Queen bed' },
  king: { ja: 'キング', en: 'King bed' },
  'futon-on-tatami': { ja: '和室(畳に布団)', en: 'Futon on tatami' },
} as const satisfies Record<string, { ja: string; en: string }>;

export const ROOM_VIEWS = {
  sea: { ja: 'オーシャンビュー', en: 'Sea view' },
  mountain: { ja: '山側', en: 'Mountain view' },
  garden: { ja: '庭園側', en: 'Garden view' },
  city: { ja: 'シティビュー', en: 'City view' },
  none: { ja: '眺望なし', en: 'No particular view' },
} as const satisfies Record<string, { ja: string; en: string }>;

export type BedType = keyof typeof BED_TYPES;
export type RoomView = keyof typeof ROOM_VIEWS;

export const BED_TYPE_CODES = Object.keys(BED_TYPES) as BedType[];
export const ROOM_VIEW_CODES = Object.keys(ROOM_VIEWS) as RoomView[];

/** Square metres: below a capsule or above a floor of a tower is a typo, not a room. */
export const ROOM_SIZE_SQM = { min: 10, max: 500 } as const;

export const isBedType = (value: unknown): value is BedType => typeof value === 'string' && Object.hasOwn(BED_TYPES, value);
export const isRoomView = (value: unknown): value is RoomView => typeof value === 'string' && Object.hasOwn(ROOM_VIEWS, value);

/** A stored code outside today's list (a newer release wrote it) reads as not stated, never as a wrong label. */
export const bedTypeOf = (stored: string | null): BedType | null => (isBedType(stored) ? stored : null);
export const roomViewOf = (stored: string | null): RoomView | null => (isRoomView(stored) ? stored : null);

export const bedTypeLabel = (code: BedType, locale: 'ja' | 'en'): string => BED_TYPES[code][locale];
export const roomViewLabel = (code: RoomView, locale: 'ja' | 'en'): string => ROOM_VIEWS[code][locale];

/** A room type's row as the console and the offers read it, details and both descriptions included. */
export interface RoomTypeRow {
  id: number;
  name_ja: string;
  name_en: string;
  capacity: number;
  size_sqm: number;
  bed_type: string | null;
  room_view: string | null;
  /** Japanese; the column predates the English one and keeps its name for rolling deploys. */
  description: string;
  description_en: string;
}
