import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { bookStay, cancelReservation } from '@hatago/booking';
import type { HttpApp } from '@hatago/platform/http';
import { addDays } from '@hatago/platform/time';
import { LocalStorage, UrlSignature } from '@hatago/storage';
import { createTestDatabase, futureDate, staffSessionCookie, type TestDatabase, testAppDeps, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { buildFacilityApp } from '../facility-app.ts';

// The dashboard's today, fixed ahead of the real one so stays that began "before today" could still be booked.
const DAY = futureDate(20);

describe('the hotel dashboard', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let root: string;
  let hotels: number[];
  const codes = new Map<string, string>();
  const cookies = new Map<number, string>();

  const home = async (hotelId: number) => {
    const response = await app.inject({ method: 'GET', url: '/facility/', headers: { cookie: cookies.get(hotelId)! } });
    assert.equal(response.statusCode, 200);
    return response;
  };
  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db.database.db)).rows;

  async function book(label: string, hotelId: number, offset: number, nights: number, guests = 1): Promise<void> {
    const [plan] = await rows(sql<{ id: number }>`select rp.id from rate_plans rp join room_types rt on rt.id = rp.room_type_id where rt.hotel_id = ${hotelId} order by rt.id, rp.id limit 1`);
    const guest = { name: `客 ${label}`, nameLatin: `Guest ${label}`, email: `${label}@example.com`, phone: '090-1111-2222' };
    const { reservation } = await bookStay(
      testBookingContext(db.database.db),
      { planId: plan!.id, checkin: addDays(DAY, offset), nights, guests, rooms: 1, guest, acceptTerms: true },
      { idempotencyKey: `dashboard-${label}` },
    );
    codes.set(label, reservation.code);
  }

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: { hotelsPerArea: 1, restaurantsPerArea: 1, days: 40 } });
    const deps = testAppDeps(db.database);
    root = await mkdtemp(path.join(tmpdir(), 'hatago-dashboard-'));
    const storage = new LocalStorage({ root, signature: new UrlSignature(deps.signingSecret), urlPrefix: '/facility/files/' });
    app = await buildFacilityApp({ ...deps, storage, today: () => DAY });
    hotels = (await rows(sql<{ id: number }>`select id from hotels order by id limit 3`)).map((r) => r.id);
    const [mine, theirs] = hotels as [number, number];
    await book('arriving', mine, 0, 2, 2);
    await book('leaving', mine, -2, 2);
    await book('staying', mine, -1, 3);
    await book('cancelled', mine, 0, 1);
    await book('gone', mine, -4, 1);
    await book('theirs', theirs, 0, 1);
    await cancelReservation(testBookingContext(db.database.db), codes.get('cancelled'), { kind: 'guest', email: 'cancelled@example.com' });
    // a night with known inventory: every room type of the hotel 4 rooms, 1 sold
    await sql`update room_inventory set total = 4, reserved = 1 where stay_date = ${addDays(DAY, 3)}::date and room_type_id in (select id from room_types where hotel_id = ${mine})`.execute(db.database.db);
    for (const id of hotels) cookies.set(id, await staffSessionCookie(app, '/facility', `facility-${id}`));
  });
  after(async () => {
    await app.close();
    await db.dispose();
    await rm(root, { recursive: true, force: true });
  });

  /** The codes a section of the page links to, in order. */
  const linkedIn = (body: string, id: string) => {
    const section = body.slice(body.indexOf(`<section aria-labelledby="${id}">`), body.indexOf('</section>', body.indexOf(`aria-labelledby="${id}"`)));
    return [...section.matchAll(/href="\/facility\/reservations\/([A-Z0-9]+)"/g)].map((m) => [...codes].find(([, code]) => code === m[1])?.[0]);
  };

  it("counts and lists the day's arrivals, departures and in-house guests, each linked to its reservation", async () => {
    const { body } = await home(hotels[0]!);
    assert.match(body, /<strong>1<\/strong> arriving/);
    assert.match(body, /<strong>1<\/strong> departing/);
    assert.match(body, /<strong>1<\/strong> in house/);
    assert.deepEqual(linkedIn(body, 'arrivals'), ['arriving']);
    assert.deepEqual(linkedIn(body, 'departures'), ['leaving']);
    assert.deepEqual(linkedIn(body, 'in-house'), ['staying']);
    assert.ok(body.includes(`${DAY} → ${addDays(DAY, 2)}`));
    assert.ok(body.includes('2 guests, 1 room'));
    assert.ok(body.includes('Guest arriving'));
    const detail = await app.inject({ method: 'GET', url: `/facility/reservations/${codes.get('staying')}`, headers: { cookie: cookies.get(hotels[0]!)! } });
    assert.equal(detail.statusCode, 200);
  });

  it('lists recent bookings and cancellations, the cancellation first', async () => {
    const { body } = await home(hotels[0]!);
    assert.deepEqual(linkedIn(body, 'activity'), ['cancelled', 'gone', 'cancelled', 'staying', 'leaving', 'arriving']);
    assert.match(body, /Cancelled by guest/);
    assert.match(body, /<time datetime="[0-9T:.-]+Z">\d{4}-\d{2}-\d{2} \d{2}:\d{2} JST<\/time>/);
  });

  it('shows 30 nights of occupancy as an SVG hidden from screen readers and a table they read', async () => {
    const response = await home(hotels[0]!);
    const { body } = response;
    const [{ n }] = (await rows(sql<{ n: number }>`select count(*)::int as n from room_types where hotel_id = ${hotels[0]!}`)) as [{ n: number }];
    assert.ok(body.includes(`<tr><th scope="row">${addDays(DAY, 3)}</th><td>${n}</td><td>${4 * n}</td><td>25%</td><td>0</td></tr>`));
    const [tonight] = await rows(sql<{ sold: number; total: number }>`
      select sum(reserved)::int as sold, sum(total)::int as total from room_inventory ri join room_types rt on rt.id = ri.room_type_id
      where rt.hotel_id = ${hotels[0]!} and ri.stay_date = ${DAY}::date`);
    assert.equal(tonight!.sold, 2, 'the arriving and in-house stays');
    assert.ok(body.includes(`tonight (2 of ${tonight!.total} rooms)`));
    assert.equal(body.match(/<tr><th scope="row">\d{4}-\d{2}-\d{2}<\/th>/g)?.length, 30);
    assert.match(body, /<svg [^>]*aria-hidden="true"/);
    assert.match(body, /<caption>Rooms sold by night<\/caption>/);
    assert.ok(!/<script|\sstyle="/.test(body), 'no script, no style attribute the page policy would refuse');
    assert.ok(!String(response.headers['content-security-policy']).includes('unsafe-inline'));
  });

  it("never shows another hotel's reservations", async () => {
    const mine = (await home(hotels[0]!)).body;
    assert.ok(!mine.includes(codes.get('theirs')!));
    assert.ok(!mine.includes('Guest theirs'));
    const theirs = (await home(hotels[1]!)).body;
    assert.deepEqual(linkedIn(theirs, 'arrivals'), ['theirs']);
    for (const label of ['arriving', 'leaving', 'staying', 'cancelled']) assert.ok(!theirs.includes(codes.get(label)!), label);
  });

  it('says so when the day and the activity are empty', async () => {
    const { body } = await home(hotels[2]!);
    for (const text of ['No arrivals today.', 'No departures today.', 'No guests in house.', 'No bookings or cancellations yet.']) assert.ok(body.includes(text), text);
    assert.match(body, /<strong>0<\/strong> arriving/);
  });

  it("sends a restaurant's staff to their own landing page", async () => {
    const [restaurant] = await rows(sql<{ id: number }>`select id from restaurants order by id limit 1`);
    const cookie = await staffSessionCookie(app, '/facility', `restaurant-${restaurant!.id}`);
    const response = await app.inject({ method: 'GET', url: '/facility/', headers: { cookie } });
    assert.equal(response.statusCode, 302);
    assert.equal(response.headers.location, '/facility/restaurant');
  });
});
