export type Locale = 'ja' | 'en';

/** What names and places a hotel wherever it is shown: in both languages, and in the one asked for. */
export interface HotelHeading {
  id: number;
  name: string;
  nameJa: string;
  nameEn: string;
  area: string;
  areaName: string;
}

/** The columns of `hotels` joined with its area's names that a heading is read from. */
export interface HotelHeadingRow {
  id: number;
  name_ja: string;
  name_en: string;
  area_id: string;
  area_name_ja: string;
  area_name_en: string;
}

export const hotelHeadingOf = (row: HotelHeadingRow, locale: Locale): HotelHeading => ({
  id: row.id,
  name: locale === 'ja' ? row.name_ja : row.name_en,
  nameJa: row.name_ja,
  nameEn: row.name_en,
  area: row.area_id,
  areaName: locale === 'ja' ? row.area_name_ja : row.area_name_en,
});
