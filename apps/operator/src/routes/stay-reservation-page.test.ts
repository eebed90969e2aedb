import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { bookStay, checkIn, checkOut, markNoShow, RESERVATION_STATUSES, type Reservation, type StaffAction } from '@hatago/booking';
import type { HttpApp } from '@hatago/platform/http';
import { addDays } from '@hatago/platform/time';
import { platformTemplates } from '@hatago/runtime';
import { createTestDatabase, futureDate, staffSessionCookie, type TestDatabase, testAppDeps, testBookingContext, testDatabaseTargets } from '@hatago/test-support';
import { yen } from '@hatago/web-kit';
import { buildOperatorApp } from '../operator-app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
const guest = { name: '高橋 美咲', nameLatin: 'Misaki Takahashi', email: 'misaki@example.com', phone: '090-7777-8888' };

/** The text of a `<dd data-testid=…>` on the page. */
const fact = (body: string, testId: string) => new RegExp(`data-testid="${testId}">([^<]*)<`).exec(body)?.[1];

for (const target of testDatabaseTargets()) {
  describe(`the operator's stay page and status filter on ${target.name}`, () => {
    let db: TestDatabase;
    let app: HttpApp;
    let support: string;
    let hotelId: number;
    let planId: number;
    let n = 0;
    const arrival = futureDate(12);
    const desk = (): StaffAction => ({ staff: { id: 7, name: 'Front Desk Aiko', kind: 'facility', hotelId, role: null }, requestId: 'req-desk', today: arrival });
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: support } });

    const book = async (extra: { guaranteed?: boolean; children?: number } = {}): Promise<Reservation> => {
      const context = testBookingContext(db.database.db);
      await sql`update rate_plans set guarantee_required = ${extra.guaranteed ?? false} where id = ${planId}`.execute(db.database.db);
      const request = {
        planId,
        checkin: arrival,
        nights: 2,
        adults: 1,
        children: extra.children ?? 0,
        rooms: 1,
        arrivalTime: '21:30',
        requests: 'A quiet room & late dinner',
        guest,
        acceptTerms: true,
        ...(extra.guaranteed ? { guaranteeToken: context.payments.tokenise({ number: '4242424242424242', expiry: '12/39', cvc: '123' }).token } : {}),
      };
      return (await bookStay(context, request, { idempotencyKey: `operator-stay-page-${target.name}-${++n}` })).reservation;
    };

    before(async () => {
      db = await createTestDatabase(target, { seed: { hotelsPerArea: 1, restaurantsPerArea: 1, days: 40 } });
      const { rows } = await sql<{ id: number; hotel_id: number }>`
        select rp.id, rt.hotel_id from rate_plans rp join room_types rt on rt.id = rp.room_type_id where rt.capacity >= 2 and rp.active order by rp.id limit 1`.execute(db.database.db);
      [planId, hotelId] = [rows[0]!.id, rows[0]!.hotel_id];
      app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
      support = await staffSessionCookie(app, '/operator', 'support');
    });
    after(async () => {
      await app.close();
      await db.dispose();
    });

    it('shows the party, arrival, requests, consent, the card (brand and last four only) and the front desk step with when and by whom', async () => {
      const r = await book({ guaranteed: true, children: 1 });
      const held = await get(`/operator/reservations/${r.code}`);
      assert.equal(held.statusCode, 200);
      assert.equal(fact(held.body, 'party'), '1 adult, 1 child');
      assert.equal(fact(held.body, 'arrival-time'), '21:30');
      assert.equal(fact(held.body, 'requests'), 'A quiet room &amp; late dinner');
      assert.match(fact(held.body, 'consent') ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d JST$/);
      assert.equal(fact(held.body, 'guarantee'), `VISA •••• 4242: ${yen(r.totalPrice)} held`);
      assert.equal(fact(held.body, 'front-desk'), 'Not checked in yet');

      await checkIn(testBookingContext(db.database.db), r.code, desk());
      const inHouse = await get(`/operator/reservations/${r.code}`);
      assert.match(fact(inHouse.body, 'front-desk') ?? '', /^Checked in \d{4}-\d\d-\d\d \d\d:\d\d JST by Front Desk Aiko \(facility\)$/);
      assert.match(inHouse.body, /<span class="status-checked_in">Checked in<\/span>/);
      // no stored value or raw instant reaches the stay's facts (the history shows audited fields as recorded)
      const facts = /<h2>Stay<\/h2>([^]*?)<\/section>/.exec(inHouse.body)?.[1] ?? '';
      assert.match(facts, /Front desk/);
      assert.doesNotMatch(facts, /checked_in|no_show|authorised/);
      assert.doesNotMatch(inHouse.body, /\d{4}-\d\d-\d\dT\d\d:\d\d/);
      const { rows } = await sql<{ authorisation: string }>`select guarantee_authorisation as authorisation from reservations where code = ${r.code}`.execute(db.database.db);
      assert.ok(!inHouse.body.includes(rows[0]!.authorisation), 'never the provider’s authorisation');
    });

    it('shows a no-show with its fee charged on the card, and a stay paid at the hotel as such', async () => {
      const r = await book({ guaranteed: true });
      await markNoShow(testBookingContext(db.database.db), r.code, desk());
      const page = await get(`/operator/reservations/${r.code}`);
      assert.match(fact(page.body, 'front-desk') ?? '', new RegExp(`^No-show \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d JST by Front Desk Aiko \\(facility\\); fee ${yen(r.totalPrice)}$`));
      assert.match(fact(page.body, 'guarantee') ?? '', new RegExp(`^VISA •••• 4242: charged ${yen(r.totalPrice)} \\(`));

      const atHotel = await book();
      const plain = await get(`/operator/reservations/${atHotel.code}`);
      assert.equal(fact(plain.body, 'guarantee'), 'None: paid at the hotel');
      assert.equal(fact(plain.body, 'party'), '1 adult');
    });

    it('releases the hold when an operator cancels for free, and shows it', async () => {
      const r = await book({ guaranteed: true });
      const cancelled = await app.inject({
        method: 'POST',
        url: `/operator/reservations/${r.code}/cancel`,
        headers: { ...FORM, cookie: await staffSessionCookie(app, '/operator', 'admin') },
        payload: new URLSearchParams({ reason: 'Guest asked by phone', waiveFee: 'yes' }).toString(),
      });
      assert.equal(cancelled.statusCode, 303);
      assert.match(fact((await get(`/operator/reservations/${r.code}`)).body, 'guarantee') ?? '', /^VISA •••• 4242: hold released, nothing charged \(/);
    });

    it('offers every status a stay can have, finds each, and refuses any other as a field error', async () => {
      const search = await get('/operator/reservations');
      for (const label of ['Confirmed', 'Checked in', 'Checked out', 'No-show', 'Cancelled']) assert.match(search.body, new RegExp(`<option value="[a-z_]+">${label}</option>`));
      // with the stays of the tests above, one stay in every status
      const other = await book();
      await checkIn(testBookingContext(db.database.db), other.code, desk());
      await checkOut(testBookingContext(db.database.db), other.code, { ...desk(), today: addDays(arrival, 2) });
      for (const status of RESERVATION_STATUSES) {
        const found = await get(`/operator/reservations?status=${status}&from=${arrival}&to=${arrival}`);
        assert.equal(found.statusCode, 200, status);
        const statuses = [...found.body.matchAll(/<span class="status-([a-z_]+)">/g)].map((m) => m[1]);
        assert.ok(statuses.length > 0, `${status} finds the stays in it`);
        assert.ok(statuses.every((s) => s === status), `${status} finds only ${status}: ${statuses.join(', ')}`);
        if (status !== 'confirmed' && status !== 'cancelled') assert.match(found.body, /<p>0 restaurant reservations<\/p>/, 'no table has a front desk status');
      }
      for (const status of ['requested', 'deleted', 'checked in']) {
        const refused = await get(`/operator/reservations?status=${encodeURIComponent(status)}`);
        assert.equal(refused.statusCode, 422, status);
        assert.match(refused.body, /Choose a status from the list/);
      }
    });
  });
}
