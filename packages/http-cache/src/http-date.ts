const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must still read
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC_850 = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/** The three forms as one anchored pattern, for the VCL's check of the same field (packages/vcl). */
export const HTTP_DATE_PATTERN = `^(?:${[IMF_FIXDATE, RFC_850, ASCTIME].map((form) => form.source.slice(1, -1)).join('|')})$`;

/**
 * An HTTP-date in milliseconds, NaN for anything else. Date.parse is not used: it also takes
 * ISO dates, bare numbers and dates without a zone (read in local time), which RFC 9111 §5.3
 * makes invalid, that is, already expired.
 */
export function parseHttpDate(value: string): number {
  let m = IMF_FIXDATE.exec(value);
  if (m) return utc(Number(m[3]), m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  m = RFC_850.exec(value);
  if (m) {
    // RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is in the past century
    const now = new Date().getUTCFullYear();
    let year = Math.floor(now / 100) * 100 + Number(m[3]);
    if (year > now + 50) year -= 100;
    return utc(year, m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  }
  m = ASCTIME.exec(value);
  if (m) return utc(Number(m[6]), m[1]!, m[2]!.trim(), m[3]!, m[4]!, m[5]!);
  return Number.NaN;
}

function utc(year: number, month: string, day: string, hours: string, minutes: string, seconds: string): number {
  const index = MONTHS.indexOf(month);
  if (index < 0) return Number.NaN;
  const time = Date.UTC(year, index, Number(day), Number(hours), Number(minutes), Number(seconds));
  // Date.UTC rolls 31 Feb over into March: such a date is no date
  return new Date(time).getUTCDate() === Number(day) ? time : Number.NaN;
}
