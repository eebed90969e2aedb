/**
 * One event as an RFC 5545 iCalendar file, for "add to calendar" links. Small enough to own:
 * the one zone we need (Asia/Tokyo, no daylight saving since 1951) is a fixed VTIMEZONE, and
 * the rules that matter — text escaping, folding at 75 octets without splitting a character,
 * CRLF — are tested here rather than trusted to a library's defaults.
 */

/** Wall-clock time in the event's zone, as 'YYYY-MM-DDTHH:MM'. */
export type LocalDateTime = string;

export interface CalendarEvent {
  /** Globally unique and stable, so importing the file again updates the event instead of adding one. */
  uid: string;
  /** When this file was made (DTSTAMP). */
  stamp: Date;
  timeZone: CalendarTimeZone;
  start: LocalDateTime;
  end: LocalDateTime;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

// TZNAME and offsets as the IANA database has had them since 1951
const TIME_ZONES = {
  'Asia/Tokyo': ['BEGIN:VTIMEZONE', 'TZID:Asia/Tokyo', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0900', 'TZOFFSETTO:+0900', 'TZNAME:JST', 'END:STANDARD', 'END:VTIMEZONE'],
} as const;

export type CalendarTimeZone = keyof typeof TIME_ZONES;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const MAX_LINE_OCTETS = 75;
const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/** The same wall-clock time `minutes` later; plain arithmetic, as the zones here have no daylight saving. */
export function addMinutes(start: LocalDateTime, minutes: number): LocalDateTime {
  const [, y, mo, d, h, mi] = parseLocal(start);
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi) + minutes)).toISOString().slice(0, 16);
}

function parseLocal(value: LocalDateTime): RegExpExecArray {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) throw new Error(`Not a local date-time (YYYY-MM-DDTHH:MM): ${value}`);
  return match;
}

const localValue = (value: LocalDateTime) => {
  const [, y, mo, d, h, mi] = parseLocal(value);
  return `${y}${mo}${d}T${h}${mi}00`;
};

const utcValue = (instant: Date) => instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break
 * written as `\n`, and the control characters TEXT may not hold dropped.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}

/**
 * A content line folded so no physical line passes 75 octets (§3.1); each continuation starts
 * with one space, which counts. Splits fall between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** A VCALENDAR holding one VEVENT and its zone, CRLF line ends throughout. */
export function writeCalendar(event: CalendarEvent, productId: string): string {
  const text = (name: string, value: string | undefined) => (value === undefined ? [] : [`${name}:${escapeText(value)}`]);
  const zoned = (name: string, value: LocalDateTime) => `${name};TZID=${event.timeZone}:${localValue(value)}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...TIME_ZONES[event.timeZone],
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcValue(event.stamp)}`,
    zoned('DTSTART', event.start),
    zoned('DTEND', event.end),
    ...text('SUMMARY', event.summary),
    ...text('LOCATION', event.location),
    ...text('DESCRIPTION', event.description),
    // a URI, not TEXT: nothing to escape, but it must not break the line
    ...(event.url === undefined ? [] : [`URL:${event.url.replace(/[\r\n]/g, '')}`]),
    ...(event.status === undefined ? [] : [`STATUS:${event.status}`]),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
