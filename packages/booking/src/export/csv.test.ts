import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, recordsToCsv, toCsv } from './csv.ts';

describe('CSV for spreadsheets', () => {
  it('quotes separators, quotes and line breaks, and leaves plain cells bare', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('cr\r'), '"cr\r"');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(12000), '12000');
    assert.equal(csvCell('山田 太郎'), '山田 太郎');
  });

  it('defuses text that a spreadsheet would run as a formula, but not numbers', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
    assert.equal(csvCell('+81-90-1234-5678'), "'+81-90-1234-5678");
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\t=1'), "'\t=1");
    assert.equal(csvCell(-5), '-5');
    assert.equal(csvCell('a=b'), 'a=b');
  });

  it('starts with a byte order mark and ends every line with CRLF', () => {
    assert.equal(toCsv([['h1', 'h2'], ['a', 1]]), '\uFEFFh1,h2\r\na,1\r\n');
  });

  it('builds a document from records and columns, every cell defused', () => {
    const columns = [['Code', (r: { code: string; total: number | null }) => r.code], ['Total', (r: { code: string; total: number | null }) => r.total]] as const;
    assert.equal(recordsToCsv(columns, [{ code: '=RS1', total: 5 }, { code: 'RS2', total: null }]), "\uFEFFCode,Total\r\n'=RS1,5\r\nRS2,\r\n");
  });
});
