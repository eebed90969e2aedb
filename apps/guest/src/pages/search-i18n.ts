/** The hotel search results' strings, in Japanese (the default); merged into the one dictionary in i18n.ts. */
export const searchJa = {
  searchResults: '検索結果',
  resultsCount: (n: number) => `${n}件の宿が見つかりました`,
  noResults: '条件に合う空室のある宿はありません。日程や人数を変えてお試しください。',
  sortBy: '並び順',
  sortRecommended: 'おすすめ順',
  sortPrice: '料金の安い順',
  totalFrom: '合計',
  forStay: (nights: number, rooms: number) => `${nights}泊・${rooms}室の合計（税込）`,
  stars: (n: number) => `${'★'.repeat(n)}`,
  /** What the stars say to a screen reader: ★ read out one by one tells nothing. */
  starsLabel: (n: number) => `${n}つ星`,
  viewHotel: '空室と料金を見る',
};

export type SearchDictionary = typeof searchJa;

export const searchEn: SearchDictionary = {
  searchResults: 'Search results',
  resultsCount: (n: number) => `${n} ${n === 1 ? 'hotel' : 'hotels'} found`,
  noResults: 'No hotel has rooms for every night of this stay. Try other dates or fewer guests.',
  sortBy: 'Sort by',
  sortRecommended: 'Recommended',
  sortPrice: 'Lowest price',
  totalFrom: 'Total from',
  forStay: (nights: number, rooms: number) => `for ${nights} ${nights === 1 ? 'night' : 'nights'}, ${rooms} ${rooms === 1 ? 'room' : 'rooms'}, tax included`,
  stars: (n: number) => `${'★'.repeat(n)}`,
  starsLabel: (n: number) => `${n}-star`,
  viewHotel: 'See rooms and prices',
};
