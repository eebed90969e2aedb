export type CsvCell = string | number | null | undefined;

/** Excel opens UTF-8 CSV as Shift_JIS unless the file starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 cell: text that could run as a formula is defused with a leading quote. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: BOM, CRLF line ends, every line (the last too) terminated. */
export function toCsv(rows: CsvCell[][]): string {
  return UTF8_BOM + rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/** A column of an export: its header and how one record fills its cell. */
export type CsvColumns<T> = ReadonlyArray<readonly [header: string, cell: (record: T) => CsvCell]>;

/** Records as a whole document, one column per entry: every export (stays, tables) is built by it. */
export const recordsToCsv = <T>(columns: CsvColumns<T>, records: readonly T[]): string =>
  toCsv([columns.map(([header]) => header), ...records.map((record) => columns.map(([, cell]) => cell(record)))]);
