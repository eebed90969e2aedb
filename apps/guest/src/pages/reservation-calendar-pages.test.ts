import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { bookStay } from '@hatago/booking';
import { appUnderTest, futureDate, testBookingContext } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { formatDate } from './formats.ts';
import { formBody, hiddenFieldsOf, hrefsOf } from './page-test-forms.ts';

const guest = { name: '山田 花子', nameLatin: 'Hanako Yamada', email: 'hanako@example.com', phone: '090-3333-4444' };
// commas, a semicolon and a backslash to escape, and long enough in Japanese to fold
const ADDRESS = '京都府京都市東山区祇園町南側570-8, 花見小路通四条下る; 石塀小路\\奥 「料亭の隣、二軒目の格子戸の宿」';
const FRONT_DESK = 'front@gion.example';
const card = { cardNumber: '4242 4242 4242 4242', cardExpiry: '12/39', cardCvc: '737' };

/** The file's content lines, after checking its physical form: CRLF line ends, no line past 75 octets. */
function contentLines(file: string): string[] {
  assert.ok(file.endsWith('\r\n'), 'ends with CRLF');
  assert.ok(!/[^\r]\n/.test(file), 'every line ends in CRLF');
  const physical = file.slice(0, -2).split('\r\n');
  for (const line of physical) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `over 75 octets: ${line}`);
  return file.slice(0, -2).replace(/\r\n /g, '').split('\r\n');
}

/** A property of the event (the zone has a DTSTART of its own). */
const property = (lines: string[], name: string) =>
  lines.slice(lines.indexOf('BEGIN:VEVENT')).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

function assertOneEvent(lines: string[], code: string) {
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines.at(-1), 'END:VCALENDAR');
  assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 1);
  assert.equal(lines.filter((l) => l === 'END:VEVENT').length, 1);
  assert.ok(lines.includes('TZID:Asia/Tokyo'), 'the zone is defined');
  assert.equal(property(lines, 'UID'), `UID:${code}@localhost`);
  assert.match(property(lines, 'DTSTAMP')!, /^DTSTAMP:\d{8}T\d{6}Z$/);
}

function assertCalendarHeaders(response: { statusCode: number; headers: Record<string, unknown> }, code: string) {
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'text/calendar; charset=utf-8');
  assert.equal(response.headers['content-disposition'], `attachment; filename="hatago-${code}.ics"`);
  assert.equal(response.headers['cache-control'], 'private, no-store');
}

describe('reservation details, calendar files and print view', () => {
  const ctx = appUnderTest(buildGuestApp);
  const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const post = (url: string, fields: Record<string, string>, cookie?: string) =>
    ctx.app.inject({ method: 'POST', url, ...formBody(fields), headers: { ...formBody(fields).headers, origin: 'http://localhost', ...(cookie ? { cookie } : {}) } });
  const cookieOf = (response: { headers: Record<string, unknown> }) => String(response.headers['set-cookie']).split(';')[0]!;

  async function hotelOfPlan() {
    const { rows } = await sql<{ plan: number; hotel: number }>`
      select rp.id as plan, rt.hotel_id as hotel from rate_plans rp join room_types rt on rt.id = rp.room_type_id
      where rt.hotel_id = 2 order by rp.id limit 1`.execute(ctx.db.database.db);
    const { plan, hotel } = rows[0]!;
    await sql`update hotels set address = ${ADDRESS}, contact_email = ${FRONT_DESK}, checkin_time = '15:00', checkout_time = '11:00' where id = ${hotel}`.execute(ctx.db.database.db);
    return { plan, hotel };
  }

  it('shows a looked-up stay with the hotel’s address, front desk and hours, and hands out its calendar only for the right email', async () => {
    const { plan } = await hotelOfPlan();
    const checkin = futureDate(30);
    const { reservation } = await bookStay(
      testBookingContext(ctx.db.database.db),
      { planId: plan, checkin, nights: 2, guests: 2, rooms: 1, guest, acceptTerms: true },
      { idempotencyKey: 'calendar-stay-0001', requireLatinName: true, locale: 'ja' },
    );
    const { code } = reservation;

    for (const lang of ['ja', 'en'] as const) {
      const page = await post('/reservations/lookup', { code, email: guest.email, ...(lang === 'en' ? { lang } : {}) });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('data-testid="venue-address">京都府京都市東山区祇園町南側570-8, 花見小路通四条下る; 石塀小路\\奥 「料亭の隣、二軒目の格子戸の宿」<'));
      assert.ok(page.body.includes(`data-testid="venue-email" href="mailto:${FRONT_DESK}">${FRONT_DESK}<`));
      const arrival = lang === 'ja' ? `${formatDate('ja', checkin)} 15:00以降` : `${formatDate('en', checkin)} from 3:00 pm`;
      assert.ok(page.body.includes(`data-testid="checkin">${arrival}<`), arrival);
      assert.match(page.body, lang === 'ja' ? /data-testid="checkin">\d{4}年\d{1,2}月\d{1,2}日\([日月火水木金土]\)/ : /data-testid="checkin">(Mon|Tue|Wed|Thu|Fri|Sat|Sun) /);
      assert.match(page.body, lang === 'ja' ? /data-testid="checkout">[^<]*11:00まで</ : /data-testid="checkout">[^<]*by 11:00 am</);
      assert.match(page.body, /@media print\{/, 'the page prints without navigation and buttons');
      assert.match(page.body, lang === 'ja' ? /カレンダーに追加（\.icsファイル）/ : /Add to calendar \(\.ics file\)/);
      assert.match(page.body, lang === 'ja' ? /ブラウザの印刷機能/ : /browser’s Print command/);
      const fields = hiddenFieldsOf(page.body, `/reservations/${code}/calendar.ics`);
      assert.deepEqual(fields, lang === 'ja' ? { email: guest.email } : { email: guest.email, lang: 'en' });

      const file = await post(`/reservations/${code}/calendar.ics`, fields);
      assertCalendarHeaders(file, code);
      const lines = contentLines(file.body);
      assertOneEvent(lines, code);
      assert.equal(property(lines, 'DTSTART'), `DTSTART;TZID=Asia/Tokyo:${checkin.replace(/-/g, '')}T150000`);
      assert.equal(property(lines, 'DTEND'), `DTEND;TZID=Asia/Tokyo:${reservation.checkout.replace(/-/g, '')}T110000`);
      assert.equal(property(lines, 'LOCATION'), 'LOCATION:京都府京都市東山区祇園町南側570-8\\, 花見小路通四条下る\\; 石塀小路\\\\奥 「料亭の隣、二軒目の格子戸の宿」');
      assert.match(property(lines, 'SUMMARY')!, lang === 'ja' ? /^SUMMARY:ご宿泊: / : /^SUMMARY:Stay: /);
      const description = property(lines, 'DESCRIPTION')!;
      assert.ok(description.includes(`${code}\\n`), 'the code, then an escaped line break');
      assert.ok(description.includes(`http://localhost:8080/reservations/lookup?code=${code}${lang === 'en' ? '&lang=en' : ''}`));
      assert.ok(description.includes(FRONT_DESK));
      assert.equal(property(lines, 'STATUS'), 'STATUS:CONFIRMED');
    }

    const wrongPage = await post('/reservations/lookup', { code, email: 'someone@example.com' });
    const wrongFile = await post(`/reservations/${code}/calendar.ics`, { email: 'someone@example.com' });
    assert.equal(wrongFile.statusCode, wrongPage.statusCode, 'refused as the look-up refuses');
    assert.equal(wrongFile.statusCode, 404);
    assert.match(String(wrongFile.headers['content-type']), /^text\/html/);
    assert.ok(!wrongFile.body.includes('BEGIN:VCALENDAR') && !wrongFile.body.includes('祇園町'));
    assert.equal((await post(`/reservations/${code}/calendar.ics`, {})).statusCode, 404, 'no email, no calendar');
    assert.equal((await get(`/reservations/${code}/calendar.ics?email=${guest.email}`)).statusCode, 404, 'never by an email in a URL');
  });

  it('links the calendar from a stay’s confirmation, under the same just-booked proof, in Japanese and English', async () => {
    await hotelOfPlan();
    const hotel = await get(`/hotels/2?checkin=${futureDate(31)}&nights=1&guests=2&rooms=1`);
    const details = await get(hrefsOf(hotel.body, 'book-plan')[0]!);
    const confirm = await post('/book/confirm', { ...hiddenFieldsOf(details.body, '/book/confirm'), acceptTerms: 'yes', ...guest });
    const booked = await post('/book', hiddenFieldsOf(confirm.body, '/book', 'confirm-booking'));
    assert.equal(booked.statusCode, 303);
    const location = String(booked.headers.location);
    const code = /\/reservations\/(HT[0-9A-Z]{10})\/confirmation/.exec(location)![1]!;
    const cookie = cookieOf(booked);
    // a browser sends the proof to paths under its Path (RFC 6265 §5.1.4), so the file needs no wider cookie
    assert.match(String(booked.headers['set-cookie']), new RegExp(`Path=/reservations/${code}/confirmation(;|$)`));

    const ja = await get(location, cookie);
    assert.equal(ja.statusCode, 200);
    assert.ok(ja.body.includes('data-testid="venue-address">京都府'));
    assert.ok(ja.body.includes(`href="mailto:${FRONT_DESK}"`));
    assert.match(ja.body, /data-testid="checkin">[^<]*15:00以降</);
    assert.deepEqual(hrefsOf(ja.body, 'add-to-calendar'), [`/reservations/${code}/confirmation/calendar.ics`]);
    assert.match(ja.body, /<h2 id="reservation-actions-title">カレンダー・印刷<\/h2>/);
    const en = await get(`${location}?lang=en`, cookie);
    assert.match(en.body, /data-testid="checkin">[^<]* from 3:00 pm</);
    assert.deepEqual(hrefsOf(en.body, 'add-to-calendar'), [`/reservations/${code}/confirmation/calendar.ics?lang=en`]);
    assert.match(en.body, /Add to calendar \(\.ics file\)/);

    const file = await get(`/reservations/${code}/confirmation/calendar.ics?lang=en`, cookie);
    assertCalendarHeaders(file, code);
    const lines = contentLines(file.body);
    assertOneEvent(lines, code);
    assert.match(property(lines, 'DTSTART')!, /^DTSTART;TZID=Asia\/Tokyo:\d{8}T150000$/);

    const stranger = await get(`/reservations/${code}/confirmation/calendar.ics`);
    assert.equal(stranger.statusCode, 303, 'without the booking cookie: the look-up, as the confirmation page does');
    assert.equal(stranger.headers.location, `/reservations/lookup?code=${code}`);
    assert.ok(!stranger.body.includes('VCALENDAR'));
  });

  it('gives a table its restaurant’s address and a calendar event for its seating', async () => {
    const date = futureDate(12);
    const search = await get(`/restaurants?date=${date}&time=19:00&party=2&lang=en`);
    const restaurant = await get(hrefsOf(search.body, 'restaurant-time')[0]!.replace(/#.*$/, ''));
    let details;
    for (const href of hrefsOf(restaurant.body, 'book-course')) {
      details = await get(href);
      if (details.body.includes('name="cardNumber"')) break;
    }
    assert.ok(details);
    const confirm = await post('/book/table/confirm', { ...hiddenFieldsOf(details.body, '/book/table/confirm'), name: 'Emma Brown', email: 'emma@example.com', phone: '+44 20 7946 0000', ...card });
    const booked = await post('/book/table', hiddenFieldsOf(confirm.body, '/book/table', 'confirm-booking'));
    assert.equal(booked.statusCode, 303, booked.body);
    const location = String(booked.headers.location);
    const code = /\/reservations\/(RS[0-9A-Z]{10})\/confirmation/.exec(location)![1]!;
    const { rows } = await sql<{ address: string; service_date: string; seating_time: string; duration_minutes: number; course_name: string }>`
      select r.address, t.service_date::text as service_date, t.seating_time, t.duration_minutes, t.course_name
      from table_reservations t join restaurants r on r.id = t.restaurant_id where t.code = ${code}`.execute(ctx.db.database.db);
    const table = rows[0]!;

    const page = await get(location, cookieOf(booked));
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`data-testid="venue-address">${table.address}<`));
    assert.match(page.body, /data-testid="card-guarantee">Visa/);
    assert.deepEqual(hrefsOf(page.body, 'add-to-calendar'), [`/reservations/${code}/confirmation/calendar.ics?lang=en`]);

    const file = await get(`/reservations/${code}/confirmation/calendar.ics?lang=en`, cookieOf(booked));
    assertCalendarHeaders(file, code);
    const lines = contentLines(file.body);
    assertOneEvent(lines, code);
    const start = new Date(`${table.service_date}T${table.seating_time}:00Z`);
    const end = new Date(start.getTime() + table.duration_minutes * 60_000);
    const local = (d: Date) => d.toISOString().slice(0, 16).replace(/[-:]/g, '') + '00';
    assert.equal(property(lines, 'DTSTART'), `DTSTART;TZID=Asia/Tokyo:${local(start)}`);
    assert.equal(property(lines, 'DTEND'), `DTEND;TZID=Asia/Tokyo:${local(end)}`);
    assert.match(property(lines, 'SUMMARY')!, /^SUMMARY:Dining: /);
    assert.ok(property(lines, 'LOCATION')!.startsWith('LOCATION:'));
    assert.ok(property(lines, 'DESCRIPTION')!.includes(table.course_name.replace(/[\\;,]/g, (c) => `\\${c}`)));

    const found = await post('/reservations/lookup', { code, email: 'emma@example.com' });
    assert.ok(found.body.includes(`data-testid="venue-address">${table.address}<`));
    const fromLookup = await post(`/reservations/${code}/calendar.ics`, hiddenFieldsOf(found.body, `/reservations/${code}/calendar.ics`));
    assertCalendarHeaders(fromLookup, code);
    assert.match(property(contentLines(fromLookup.body), 'SUMMARY')!, /^SUMMARY:お食事: /);
    assert.equal((await post(`/reservations/${code}/calendar.ics`, { email: 'someone@example.com' })).statusCode, 404);
  });

  it('gives a member the calendar of their own reservations only', async () => {
    const { plan } = await hotelOfPlan();
    const { rows } = await sql<{ id: number }>`select id from members where email = 'member@example.com'`.execute(ctx.db.database.db);
    const booking = testBookingContext(ctx.db.database.db);
    const stay = { planId: plan, checkin: futureDate(40), nights: 1, guests: 1, rooms: 1, acceptTerms: true };
    const own = await bookStay(booking, { ...stay, guest: { ...guest, email: 'member@example.com' } }, { idempotencyKey: 'calendar-member-0001', requireLatinName: true, memberId: rows[0]!.id });
    const other = await bookStay(booking, { ...stay, guest }, { idempotencyKey: 'calendar-member-0002', requireLatinName: true });
    const path = (code: string) => `/account/reservations/${code}/calendar.ics`;

    const anonymous = await get(path(own.reservation.code));
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/login\?next=/);
    const login = await post('/login', { email: 'member@example.com', password: 'hatago-demo-pass' });
    const cookie = cookieOf(login);
    const page = await get(`/account/reservations/${own.reservation.code}?lang=en`, cookie);
    assert.deepEqual(hrefsOf(page.body, 'add-to-calendar'), [`${path(own.reservation.code)}?lang=en`]);
    assert.ok(page.body.includes('data-testid="venue-address">京都府'));
    const file = await get(path(own.reservation.code), cookie);
    assertCalendarHeaders(file, own.reservation.code);
    assertOneEvent(contentLines(file.body), own.reservation.code);
    const notOwn = await get(path(other.reservation.code), cookie);
    assert.equal(notOwn.statusCode, 404, 'another guest’s code looks like an unknown one');
    assert.ok(!notOwn.body.includes('VCALENDAR'));
  });
});
