import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceBreakdown } from './price-breakdown.ts';

const nights = (prices: Record<string, number>) => Object.entries(prices).map(([date, price]) => ({ date, price }));

describe('price breakdown', () => {
  it('splits tax-inclusive prices into room charge and consumption tax, adding nothing to the total', () => {
    const b = priceBreakdown({ areaId: 'osaka', serviceChargePercent: 0, nightly: nights({ '2027-01-15': 33_000 }), rooms: 1, guests: 2 });
    assert.deepEqual(b, {
      roomCharge: 30_000,
      serviceChargePercent: 0,
      serviceCharge: 0,
      consumptionTax: 3_000,
      total: 33_000,
      accommodationTax: 0,
      grandTotal: 33_000,
      perPerson: { total: 16_500, grandTotal: 16_500 },
    });
  });

  it('splits a service charge out of the room charge and rounds consumption tax down', () => {
    const b = priceBreakdown({ areaId: 'hakone', serviceChargePercent: 15, nightly: nights({ '2027-01-15': 50_001 }), rooms: 1, guests: 1 });
    assert.equal(b.consumptionTax, 4_545);
    assert.equal(b.roomCharge + b.serviceCharge + b.consumptionTax, b.total);
    assert.equal(b.roomCharge, Math.round((45_456 * 100) / 115));
    assert.equal(b.serviceCharge, 45_456 - b.roomCharge);
  });

  it('taxes Tokyo on each night’s charge per person without consumption tax, at the band edges', () => {
    const tokyo = (price: number, guests: number) =>
      priceBreakdown({ areaId: 'tokyo', serviceChargePercent: 0, nightly: nights({ '2027-01-15': price }), rooms: 1, guests }).accommodationTax;
    assert.equal(tokyo(10_999, 1), 0, '¥9,999.09 before tax');
    assert.equal(tokyo(11_000, 1), 100, 'exactly ¥10,000 before tax');
    assert.equal(tokyo(16_499, 1), 100, '¥14,999.09 before tax');
    assert.equal(tokyo(16_500, 1), 200, 'exactly ¥15,000 before tax');
    assert.equal(tokyo(33_000, 2), 400, '¥15,000 each for two');
    assert.equal(tokyo(32_998, 2), 200, 'just under ¥15,000 each for two');
  });

  it('takes each night’s Kyoto bands from its own date across 2026-03-01', () => {
    const b = priceBreakdown({
      areaId: 'kyoto',
      serviceChargePercent: 0,
      // ¥10,000 per person before tax each night: old band ¥200, new band ¥400
      nightly: nights({ '2026-02-27': 22_000, '2026-02-28': 22_000, '2026-03-01': 22_000, '2026-03-02': 22_000 }),
      rooms: 1,
      guests: 2,
    });
    assert.equal(b.accommodationTax, 2 * (200 + 200 + 400 + 400));
  });

  it('totals a multi-night stay of several rooms and guests, with the tax paid at the hotel on top', () => {
    const b = priceBreakdown({
      areaId: 'kyoto',
      serviceChargePercent: 10,
      // per room each night; 2 rooms for 3 guests: each guest's share is 2 × price / 1.1 / 3
      nightly: nights({ '2027-04-01': 82_500, '2027-04-02': 99_000, '2027-04-03': 250_000 }),
      rooms: 2,
      guests: 3,
    });
    // shares before tax: ¥50,000 (¥4,000), ¥60,000 (¥4,000), ¥151,515.15 (¥10,000)
    assert.equal(b.accommodationTax, 3 * (4_000 + 4_000 + 10_000));
    assert.equal(b.total, 2 * (82_500 + 99_000 + 250_000));
    assert.equal(b.roomCharge + b.serviceCharge + b.consumptionTax, b.total);
    assert.equal(b.grandTotal, b.total + b.accommodationTax);
    assert.deepEqual(b.perPerson, { total: 287_667, grandTotal: 305_667 });
  });

  it('charges no accommodation tax outside Tokyo and Kyoto', () => {
    for (const areaId of ['osaka', 'fukuoka', 'okinawa']) {
      const b = priceBreakdown({ areaId, serviceChargePercent: 0, nightly: nights({ '2027-01-15': 300_000, '2027-01-16': 300_000 }), rooms: 2, guests: 4 });
      assert.equal(b.accommodationTax, 0, areaId);
      assert.equal(b.grandTotal, b.total, areaId);
    }
  });
});
