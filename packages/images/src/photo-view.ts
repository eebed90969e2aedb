/** A photo as guests see it: its image key (the page builds srcset from it) and its alt text in their language. */
export interface PhotoView {
  key: string;
  alt: string;
}

export const photoViewOf = (row: { image_key: string; alt_ja: string; alt_en: string }, locale: 'ja' | 'en'): PhotoView => ({
  key: row.image_key,
  alt: locale === 'ja' ? row.alt_ja : row.alt_en,
});

/** A photo with its alt text in both languages, for modules whose answers are not per language. */
export interface BilingualPhoto {
  key: string;
  alt: { ja: string; en: string };
}

export const photoIn = (photo: BilingualPhoto, locale: 'ja' | 'en'): PhotoView => ({ key: photo.key, alt: photo.alt[locale] });
