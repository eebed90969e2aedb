/** The room details on a hotel's page and the home page's showcase, in Japanese (the default); merged into the one dictionary in i18n.ts. */
export const showcaseJa = {
  capacityLabel: '定員',
  sizeLabel: '広さ',
  bedsLabel: 'ベッド',
  viewLabel: '眺望',
  featuredAreas: '人気のエリア',
  hotelsInArea: (n: number) => `${n}軒の宿`,
  searchArea: (area: string) => `${area}の宿を探す`,
  collections: '季節の特集',
  collectionHotels: (n: number) => `${n}軒`,
  seeCollection: (title: string) => `「${title}」の宿をすべて見る`,
};

export const showcaseEn: typeof showcaseJa = {
  capacityLabel: 'Sleeps',
  sizeLabel: 'Size',
  bedsLabel: 'Beds',
  viewLabel: 'View',
  featuredAreas: 'Featured areas',
  hotelsInArea: (n: number) => `${n} ${n === 1 ? 'hotel' : 'hotels'}`,
  searchArea: (area: string) => `Find a stay in ${area}`,
  collections: 'Seasonal collections',
  collectionHotels: (n: number) => `${n} ${n === 1 ? 'hotel' : 'hotels'}`,
  seeCollection: (title: string) => `See every “${title}” stay`,
};
