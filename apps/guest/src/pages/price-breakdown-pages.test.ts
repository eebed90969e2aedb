import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { appUnderTest, futureDate } from '@hatago/test-support';
import { buildGuestApp } from '../guest-app.ts';
import { formBody, hiddenFieldsOf, hrefsOf } from './page-test-forms.ts';

const guest = { name: '山田 太郎', nameLatin: 'Taro Yamada', email: 'taro@example.com', phone: '090-1111-2222' };

describe('price breakdown on the hotel, booking and confirmation pages and in the API', () => {
  const ctx = appUnderTest(buildGuestApp);
  const checkin = futureDate(30);
  const stay = `checkin=${checkin}&nights=2&guests=2&rooms=1`;
  let kyotoHotel: number;
  let osakaHotel: number;

  const firstHotelIn = async (area: string) =>
    (await sql<{ id: number }>`select id from hotels where area_id = ${area} order by id limit 1`.execute(ctx.db.database.db)).rows[0]!.id;

  before(async () => {
    const db = ctx.db.database.db;
    [kyotoHotel, osakaHotel] = [await firstHotelIn('kyoto'), await firstHotelIn('osaka')];
    await sql`update hotels set service_charge_percent = 10 where id = ${kyotoHotel}`.execute(db);
    // ¥55,000 a room: ¥100,000 for two nights before consumption tax, ¥25,000 each a night (Kyoto's ¥1,000 band)
    await sql`update plan_prices pp set price = 55000 from rate_plans rp, room_types rt
              where rp.id = pp.plan_id and rt.id = rp.room_type_id and rt.hotel_id = ${kyotoHotel}
                and pp.stay_date in (${checkin}::date, ${checkin}::date + 1)`.execute(db);
  });

  const expected = {
    roomCharge: 90_909,
    serviceChargePercent: 10,
    serviceCharge: 9_091,
    consumptionTax: 10_000,
    total: 110_000,
    accommodationTax: 4_000,
    grandTotal: 114_000,
    perPerson: { total: 55_000, grandTotal: 57_000 },
  };

  it('returns each plan’s breakdown in the hotel API, parts adding up to its total price', async () => {
    const res = await ctx.app.inject(`/api/v1/hotels/${kyotoHotel}?${stay}`);
    assert.equal(res.statusCode, 200);
    const offer = res.json();
    assert.equal(offer.serviceChargePercent, 10);
    const plans = offer.roomTypes.filter((r: { fitsParty: boolean }) => r.fitsParty).flatMap((r: { plans: unknown[] }) => r.plans);
    assert.ok(plans.length > 0);
    for (const plan of plans) {
      assert.deepEqual(plan.breakdown, expected);
      assert.equal(plan.totalPrice, plan.breakdown.total);
    }
    const doc = (await ctx.app.inject('/api/v1/openapi.json')).json();
    assert.ok(JSON.stringify(doc).includes('accommodationTax'), 'the OpenAPI document describes the new fields');
  });

  it('shows the breakdown on the hotel page with the accommodation tax as paid at the hotel', async () => {
    const en = (await ctx.app.inject(`/hotels/${kyotoHotel}?${stay}&lang=en`)).body;
    assert.match(en, /data-testid="price-breakdown"/);
    assert.match(en, /data-testid="price-per-person">Per person ¥55,000</);
    for (const shown of ['Room charge</dt><dd>¥90,909', 'Service charge (10%)</dt><dd>¥9,091', 'Consumption tax (10%)</dt><dd>¥10,000']) {
      assert.ok(en.includes(shown), shown);
    }
    assert.match(en, /Accommodation tax \(paid at the hotel\)<\/dt><dd data-testid="accommodation-tax">¥4,000</);
    assert.ok(en.includes('Booking total (tax and service included)</dt><dd class="price" data-testid="breakdown-total">¥110,000'));
    assert.ok(en.includes('¥114,000 (per person ¥57,000)'));
    const ja = (await ctx.app.inject(`/hotels/${kyotoHotel}?${stay}`)).body;
    assert.ok(ja.includes('料金の内訳') && ja.includes('サービス料（10%）') && ja.includes('宿泊税（ホテルでお支払い）'));
  });

  it('shows no accommodation tax nor service charge where the hotel has none', async () => {
    const page = (await ctx.app.inject(`/hotels/${osakaHotel}?${stay}&lang=en`)).body;
    assert.match(page, /data-testid="price-breakdown"/);
    assert.doesNotMatch(page, /Accommodation tax|Service charge|tax and service/);
    assert.match(page, /Booking total \(tax included\)/);
  });

  it('books the total shown without the accommodation tax and confirms the tax the hotel will collect', async () => {
    const hotel = await ctx.app.inject(`/hotels/${kyotoHotel}?${stay}`);
    const details = await ctx.app.inject(hrefsOf(hotel.body, 'book-plan')[0]!);
    const post = (url: string, fields: Record<string, string>) => ctx.app.inject({ method: 'POST', url, ...formBody(fields) });
    const confirm = await post('/book/confirm', { ...hiddenFieldsOf(details.body, '/book/confirm'), acceptTerms: 'yes', ...guest });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /data-testid="booking-total">¥110,000</);
    assert.match(confirm.body, /宿泊税（ホテルでお支払い）<\/dt><dd data-testid="accommodation-tax">¥4,000</);
    const fields = hiddenFieldsOf(confirm.body, '/book', 'confirm-booking');
    assert.equal(fields.expectedTotal, '110000', 'the guest agrees to the total without the tax');

    const booked = await post('/book', fields);
    assert.equal(booked.statusCode, 303);
    const location = String(booked.headers.location);
    const code = /(HT[0-9A-Z]{10})/.exec(location)![1]!;
    const { rows } = await sql<{ total_price: number; accommodation_tax: number | null }>`
      select total_price, accommodation_tax from reservations where code = ${code}`.execute(ctx.db.database.db);
    assert.deepEqual(rows[0], { total_price: 110_000, accommodation_tax: 4_000 });
    const cookie = String(booked.headers['set-cookie']).split(';')[0]!;
    const page = await ctx.app.inject({ url: location, headers: { cookie } });
    assert.match(page.body, /<dd class="price">¥110,000<\/dd>/);
    assert.match(page.body, /data-testid="accommodation-tax">¥4,000</);
  });
});
