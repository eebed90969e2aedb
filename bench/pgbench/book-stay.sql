-- bench:booking's pgbench side: the booking transaction of packages/booking
-- (reservations/book-stay.ts with catalog quoteStay and reserveRooms), statement for
-- statement, so Hatago's bookings/s can be read against what PostgreSQL alone does.
-- Variables: -D plans=<highest rate_plans.id>; one room, one guest, 1–3 nights within 300 days.
\set plan random(1, :plans)
\set offset random(1, 300)
\set nights random(1, 3)
\set token random(1, 999999999999)
BEGIN;
-- the idempotency claim comes first: a concurrent request with the same key waits here
INSERT INTO booking_idempotency (key, request_hash, reservation_code)
  VALUES ('pgbench-' || :client_id || '-' || :token, md5(:token::text), 'PB' || :client_id || 'X' || :token)
  ON CONFLICT (key) DO NOTHING RETURNING key;
-- quoteStay: plan, room type, hotel (its front desk's address included) and the nightly prices in one round trip
SELECT rp.id, rp.name_ja, rp.name_en, rp.meals, rp.free_cancel_days, rp.cancel_fee_percent, rp.sale_start, rp.sale_end, rp.active,
       rt.id AS room_type, rt.name_ja, rt.name_en, rt.capacity, h.id, h.name_ja, h.name_en,
       quote_literal(h.contact_email) AS contact_email, -- quoted: pgbench substitutes variables as text
       (SELECT coalesce(json_agg(n), '[]') FROM (
          SELECT pp.stay_date AS date, coalesce(pp.occupancy_prices[1], pp.price) AS price, 1 * coalesce(pp.occupancy_prices[1], pp.price) AS total FROM plan_prices pp
          WHERE pp.plan_id = rp.id AND pp.stay_date >= current_date + :offset AND pp.stay_date < current_date + :offset + :nights
          ORDER BY pp.stay_date) n) AS nightly
  FROM rate_plans rp JOIN room_types rt ON rt.id = rp.room_type_id JOIN hotels h ON h.id = rt.hotel_id
  WHERE rp.id = :plan \gset
-- reserveRooms: lock the nights in date order, judge them together, take one room of each or none
WITH nights AS (
  SELECT stay_date, total, reserved, stop_sell FROM room_inventory
  WHERE room_type_id = :room_type AND stay_date >= current_date + :offset AND stay_date < current_date + :offset + :nights
  ORDER BY stay_date FOR UPDATE
), verdict AS (
  SELECT count(*) = :nights AND coalesce(bool_and(NOT stop_sell AND total - reserved >= 1), false) AS sellable FROM nights
), taken AS (
  UPDATE room_inventory ri SET reserved = ri.reserved + 1 FROM nights n, verdict v
  WHERE v.sellable AND ri.room_type_id = :room_type AND ri.stay_date = n.stay_date RETURNING ri.stay_date
)
SELECT count(*) AS taken FROM taken \gset
\if :taken = :nights
  INSERT INTO reservations (code, status, hotel_id, room_type_id, plan_id, checkin, nights, guests, rooms, guest_name, guest_name_latin,
                            email, phone, member_id, locale, total_price, hotel_name, room_type_name, plan_name, meals,
                            free_cancel_days, cancel_fee_percent)
    SELECT 'PB' || :client_id || 'X' || :token, 'confirmed', h.id, rt.id, rp.id, current_date + :offset, :nights, 1, 1, 'ベンチ 太郎', '',
           'bench@example.com', '090-0000-0000', NULL, 'en',
           (SELECT sum(price) FROM plan_prices WHERE plan_id = rp.id AND stay_date >= current_date + :offset AND stay_date < current_date + :offset + :nights),
           h.name_en, rt.name_en, rp.name_en, rp.meals, rp.free_cancel_days, rp.cancel_fee_percent
    FROM rate_plans rp JOIN room_types rt ON rt.id = rp.room_type_id JOIN hotels h ON h.id = rt.hotel_id
    WHERE rp.id = :plan
    RETURNING id AS reservation \gset
  INSERT INTO reservation_nights (reservation_id, stay_date, price)
    SELECT :reservation, stay_date, price FROM plan_prices
    WHERE plan_id = :plan AND stay_date >= current_date + :offset AND stay_date < current_date + :offset + :nights;
  -- the guest's confirmation and the front desk's notice on the outbox, in one statement (enqueueMails)
  INSERT INTO mail_messages (template, recipient, locale, params, category, idempotency_key, reference)
    VALUES ('reservation-confirmation', 'bench@example.com', 'en',
            json_build_object('reservation', json_build_object('code', 'PB' || :client_id || 'X' || :token, 'nights', :nights, 'guest', 'ベンチ 太郎'))::jsonb,
            'reservation', 'reservation-confirmation:PB' || :client_id || 'X' || :token, 'PB' || :client_id || 'X' || :token),
           ('facility-new-reservation', :contact_email, 'ja',
            json_build_object('reservation', json_build_object('code', 'PB' || :client_id || 'X' || :token, 'nights', :nights, 'guest', 'ベンチ 太郎'))::jsonb,
            'facility', 'facility-new-reservation:PB' || :client_id || 'X' || :token, 'PB' || :client_id || 'X' || :token)
    ON CONFLICT (idempotency_key) DO NOTHING RETURNING id;
  COMMIT;
\else
  -- sold out: bookStay throws and the whole transaction, idempotency claim included, rolls back
  ROLLBACK;
\endif
