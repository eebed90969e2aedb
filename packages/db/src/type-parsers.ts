/**
 * One set of type parsers for both drivers, so a row reads the same on PGlite and on a
 * real server: calendar dates stay 'YYYY-MM-DD' strings (a JS Date would shift them by
 * the process time zone), and bigint counts/sums become numbers (yen totals and row
 * counts stay far below 2^53).
 */
export const PG_TYPE = { int8: 20, numeric: 1700, date: 1082 } as const;

const identity = (value: string) => value;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [PG_TYPE.int8]: (value: string) => Number(value),
  [PG_TYPE.numeric]: (value: string) => Number(value),
  [PG_TYPE.date]: identity,
};
