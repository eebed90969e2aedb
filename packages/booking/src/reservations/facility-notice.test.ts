import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, futureDate, type TestDatabase, testDatabaseTargets, testBookingContext } from '@hatago/test-support';
import { cancelReservation } from '../cancellation/cancel-reservation.ts';
import { bookStay } from './book-stay.ts';

const guest = { name: 'Ken Sato', nameLatin: 'Ken Sato', email: 'ken@example.com', phone: '090-1111-2222' };

for (const target of testDatabaseTargets()) {
  describe(`facility notices (${target.name})`, () => {
    let db: TestDatabase;
    let plans: Array<{ plan_id: number; hotel_id: number; name_ja: string; contact_email: string }>;

    before(async () => {
      db = await createTestDatabase(target);
      // plans of two different hotels
      ({ rows: plans } = await sql<{ plan_id: number; hotel_id: number; name_ja: string; contact_email: string }>`
        select distinct on (h.id) rp.id as plan_id, h.id as hotel_id, h.name_ja, h.contact_email
        from rate_plans rp join room_types rt on rt.id = rp.room_type_id join hotels h on h.id = rt.hotel_id
        order by h.id, rp.id limit 2`.execute(db.database.db));
    });
    after(() => db.dispose());

    const mailsOf = async (code: string) =>
      (
        await sql<{ template: string; recipient: string; locale: string; category: string; params: unknown }>`
          select template, recipient, locale, category, params from mail_messages where reference = ${code} and category = 'facility' order by id`.execute(
          db.database.db,
        )
      ).rows.map((r) => ({ ...r, params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params }));

    it("tells the hotel's front desk of a booking and its cancellation, once each, in Japanese", async () => {
      const hotel = plans[0]!;
      assert.match(hotel.contact_email, /@hatago\.example$/, 'the demo data gives every hotel an address');
      const request = { planId: hotel.plan_id, checkin: futureDate(20), nights: 2, guests: 1, rooms: 1, guest, acceptTerms: true };
      const { reservation } = await bookStay(testBookingContext(db.database.db), request, { idempotencyKey: `notice-${target.name}` });
      await bookStay(testBookingContext(db.database.db), request, { idempotencyKey: `notice-${target.name}` });
      await cancelReservation(testBookingContext(db.database.db), reservation.code, { kind: 'guest', email: guest.email });
      await cancelReservation(testBookingContext(db.database.db), reservation.code, { kind: 'guest', email: guest.email });
      const mails = await mailsOf(reservation.code);
      assert.deepEqual(
        mails.map((m) => [m.template, m.recipient, m.locale]),
        [
          ['facility-new-reservation', hotel.contact_email, 'ja'],
          ['facility-cancellation', hotel.contact_email, 'ja'],
        ],
      );
      const params = mails[0]!.params as { hotelName: string; reservation: { code: string } };
      assert.equal(params.hotelName, hotel.name_ja);
      assert.equal(params.reservation.code, reservation.code);
    });

    it('sends no notice to a hotel without a contact address, and still books', async () => {
      const hotel = plans[1]!;
      await sql`update hotels set contact_email = null where id = ${hotel.hotel_id}`.execute(db.database.db);
      const { reservation } = await bookStay(testBookingContext(db.database.db),
        { planId: hotel.plan_id, checkin: futureDate(21), nights: 1, guests: 1, rooms: 1, guest, acceptTerms: true },
        { idempotencyKey: `no-contact-${target.name}` },
      );
      assert.deepEqual(await mailsOf(reservation.code), []);
      const guestMails = await sql`select 1 from mail_messages where reference = ${reservation.code}`.execute(db.database.db);
      assert.equal(guestMails.rows.length, 1, "the guest's confirmation is still sent");
    });

    it('refuses a contact address the outbox could not send to', async () => {
      await assert.rejects(sql`update hotels set contact_email = 'front desk' where id = ${plans[0]!.hotel_id}`.execute(db.database.db));
    });
  });
}
