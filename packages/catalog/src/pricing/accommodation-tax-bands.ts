/**
 * Accommodation taxes (宿泊税) as data, keyed by the area id of the hotel. Each tax is charged
 * per person per night on that night's accommodation charge per person: the room and its
 * service charge, without consumption tax and without meals. A schedule holds from its
 * `effectiveFrom` night until the next schedule's; a band holds from its `from` (inclusive)
 * up to the next band's. Areas not listed here charge none.
 *
 * Only areas whose id names the taxing authority are listed: `tokyo` is taken as the Tokyo
 * Metropolis and `kyoto` as Kyoto City. Other prefectures and cities with a tax of their own
 * (Osaka Prefecture, Fukuoka, Kanazawa…) are not modelled yet.
 */
export interface AccommodationTaxBand {
  /** Lower bound of the per-person nightly charge, yen, inclusive. */
  from: number;
  /** Tax per person per night, yen. */
  perPersonPerNight: number;
}

export interface AccommodationTaxSchedule {
  /** The first night (YYYY-MM-DD) these bands apply to. */
  effectiveFrom: string;
  /** Ascending by `from`, the first from 0. */
  bands: readonly AccommodationTaxBand[];
}

export interface AccommodationTax {
  name: { ja: string; en: string };
  source: string;
  /** Ascending by `effectiveFrom`. */
  schedules: readonly AccommodationTaxSchedule[];
}

export const ACCOMMODATION_TAXES: Readonly<Record<string, AccommodationTax>> = {
  tokyo: {
    name: { ja: '東京都宿泊税', en: 'Tokyo accommodation tax' },
    // 東京都宿泊税条例 第3条・第4条 (Tokyo Metropolitan Government Bureau of Taxation,
    // https://www.tax.metro.tokyo.lg.jp/kazei/work/shukuhaku): in force since 2002-10-01.
    // The Metropolis announced a move to a 3 % rate in November 2025; a rate is not a band,
    // so it needs a rule of its own once the ordinance and its start date are enacted.
    source: 'https://www.tax.metro.tokyo.lg.jp/kazei/work/shukuhaku',
    schedules: [
      {
        effectiveFrom: '2002-10-01',
        bands: [
          { from: 0, perPersonPerNight: 0 },
          { from: 10_000, perPersonPerNight: 100 },
          { from: 15_000, perPersonPerNight: 200 },
        ],
      },
    ],
  },
  kyoto: {
    name: { ja: '京都市宿泊税', en: 'Kyoto City accommodation tax' },
    // 京都市宿泊税条例 (City of Kyoto, https://www.city.kyoto.lg.jp/gyozai/page/0000236942.html):
    // bands since 2018-10-01, revised for nights from 2026-03-01.
    source: 'https://www.city.kyoto.lg.jp/gyozai/page/0000236942.html',
    schedules: [
      {
        effectiveFrom: '2018-10-01',
        bands: [
          { from: 0, perPersonPerNight: 200 },
          { from: 20_000, perPersonPerNight: 500 },
          { from: 50_000, perPersonPerNight: 1_000 },
        ],
      },
      {
        effectiveFrom: '2026-03-01',
        bands: [
          { from: 0, perPersonPerNight: 200 },
          { from: 6_000, perPersonPerNight: 400 },
          { from: 20_000, perPersonPerNight: 1_000 },
          { from: 50_000, perPersonPerNight: 4_000 },
          { from: 100_000, perPersonPerNight: 10_000 },
        ],
      },
    ],
  },
};
