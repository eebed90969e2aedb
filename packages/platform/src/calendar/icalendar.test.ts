import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMinutes, type CalendarEvent, escapeText, foldLine, writeCalendar } from './icalendar.ts';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');
const unfold = (file: string) => file.replace(/\r\n /g, '');

const event: CalendarEvent = {
  uid: 'HT0123456789@hatago.example',
  stamp: new Date('2026-12-07T15:13:51.123Z'),
  timeZone: 'Asia/Tokyo',
  start: '2027-01-15T15:00',
  end: '2027-01-17T11:00',
  summary: '宿泊: 京都 嵐山, 別邸; 離れ',
  location: '京都府京都市右京区嵯峨天龍寺芒ノ馬場町1-1',
  description: '予約番号: HT0123456789\n人数: 2名\\1室',
  url: 'https://hatago.example/reservations/lookup?code=HT0123456789',
  status: 'CONFIRMED',
};

describe('iCalendar writer', () => {
  it('escapes backslashes, semicolons, commas and line breaks, and drops other control characters', () => {
    assert.equal(escapeText('a\\b;c,d'), 'a\\\\b\\;c\\,d');
    assert.equal(escapeText('one\r\ntwo\nthree\rfour'), 'one\\ntwo\\nthree\\nfour');
    assert.equal(escapeText('tab\there\u0007bell\u007f'), 'tab\there' + 'bell');
  });

  it('folds at 75 octets with a leading space, never inside a multi-byte character', () => {
    assert.equal(foldLine('x'.repeat(75)), 'x'.repeat(75));
    assert.equal(foldLine('x'.repeat(76)), `${'x'.repeat(75)}\r\n x`);
    const japanese = `SUMMARY:${'宿泊のご予約'.repeat(10)}`;
    const folded = foldLine(japanese);
    const lines = folded.split('\r\n');
    assert.ok(lines.length > 2);
    for (const line of lines) assert.ok(octets(line) <= 75, `${octets(line)} octets: ${line}`);
    for (const line of lines.slice(1)) assert.ok(line.startsWith(' ') && !line.startsWith('  '));
    assert.ok(!folded.includes('\uFFFD'));
    assert.equal(unfold(folded), japanese, 'unfolding gives the line back whole');
    const emoji = foldLine(`X:${'🍣'.repeat(40)}`);
    assert.equal(unfold(emoji), `X:${'🍣'.repeat(40)}`, 'a surrogate pair is one character');
    for (const line of emoji.split('\r\n')) assert.ok(octets(line) <= 75);
  });

  it('writes one event in Asia/Tokyo with its zone, CRLF line ends and escaped text', () => {
    const file = writeCalendar(event, '-//Hatago//Reservations//EN');
    assert.ok(file.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(file), 'every line ends in CRLF');
    const physical = file.slice(0, -2).split('\r\n');
    for (const line of physical) assert.ok(octets(line) <= 75, `${octets(line)} octets: ${line}`);
    const lines = unfold(file).slice(0, -2).split('\r\n');
    assert.deepEqual(lines.slice(0, 5), ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hatago//Reservations//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']);
    assert.equal(lines.at(-1), 'END:VCALENDAR');
    assert.deepEqual(lines.filter((l) => l.startsWith('BEGIN:') || l.startsWith('END:')), [
      'BEGIN:VCALENDAR', 'BEGIN:VTIMEZONE', 'BEGIN:STANDARD', 'END:STANDARD', 'END:VTIMEZONE', 'BEGIN:VEVENT', 'END:VEVENT', 'END:VCALENDAR',
    ]);
    assert.ok(lines.includes('TZID:Asia/Tokyo') && lines.includes('TZOFFSETTO:+0900'));
    assert.ok(lines.includes('UID:HT0123456789@hatago.example'));
    assert.ok(lines.includes('DTSTAMP:20261207T151351Z'));
    assert.ok(lines.includes('DTSTART;TZID=Asia/Tokyo:20270115T150000'));
    assert.ok(lines.includes('DTEND;TZID=Asia/Tokyo:20270117T110000'));
    assert.ok(lines.includes('SUMMARY:宿泊: 京都 嵐山\\, 別邸\\; 離れ'));
    assert.ok(lines.includes('DESCRIPTION:予約番号: HT0123456789\\n人数: 2名\\\\1室'));
    assert.ok(lines.includes('URL:https://hatago.example/reservations/lookup?code=HT0123456789'));
    assert.ok(lines.includes('STATUS:CONFIRMED'));
  });

  it('leaves out what the event does not have', () => {
    const lines = writeCalendar({ ...event, location: undefined, description: undefined, url: undefined, status: undefined }, '-//x//y//EN').split('\r\n');
    for (const name of ['LOCATION', 'DESCRIPTION', 'URL', 'STATUS']) assert.ok(!lines.some((l) => l.startsWith(`${name}:`)), name);
  });

  it('adds minutes to a wall-clock time across midnight and month ends, and refuses anything else', () => {
    assert.equal(addMinutes('2027-01-15T18:00', 150), '2027-01-15T20:30');
    assert.equal(addMinutes('2027-01-31T22:30', 120), '2027-02-01T00:30');
    assert.throws(() => addMinutes('2027-01-15 18:00', 1), /local date-time/);
    assert.throws(() => writeCalendar({ ...event, start: '2027-01-15' }, '-//x//y//EN'), /local date-time/);
  });
});
