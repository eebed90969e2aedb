import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accommodationTaxOf } from './accommodation-tax.ts';
import { ACCOMMODATION_TAXES } from './accommodation-tax-bands.ts';

/** Tax for one guest whose night's charge is exactly `yen`. */
const taxFor = (areaId: string, date: string, yen: number, guests = 1) =>
  accommodationTaxOf(areaId, { date, charge: { numerator: yen * guests, denominator: 1 }, guests }) / guests;

describe('accommodation tax bands', () => {
  it('charges Tokyo nothing under ¥10,000, ¥100 to ¥14,999 and ¥200 from ¥15,000 per person per night', () => {
    const cases: Array<[number, number]> = [
      [0, 0],
      [9_999, 0],
      [10_000, 100],
      [14_999, 100],
      [15_000, 200],
      [250_000, 200],
    ];
    for (const [yen, tax] of cases) assert.equal(taxFor('tokyo', '2027-01-15', yen), tax, `¥${yen}`);
  });

  it('compares a fraction of a yen exactly: a share of ¥9,999.5 is still under ¥10,000', () => {
    assert.equal(accommodationTaxOf('tokyo', { date: '2027-01-15', charge: { numerator: 19_999, denominator: 1 }, guests: 2 }), 0);
    assert.equal(accommodationTaxOf('tokyo', { date: '2027-01-15', charge: { numerator: 20_000, denominator: 1 }, guests: 2 }), 200);
  });

  it('charges Kyoto the bands revised for nights from 2026-03-01', () => {
    const cases: Array<[number, number]> = [
      [1, 200],
      [5_999, 200],
      [6_000, 400],
      [19_999, 400],
      [20_000, 1_000],
      [49_999, 1_000],
      [50_000, 4_000],
      [99_999, 4_000],
      [100_000, 10_000],
      [500_000, 10_000],
    ];
    for (const [yen, tax] of cases) assert.equal(taxFor('kyoto', '2026-03-01', yen), tax, `¥${yen}`);
  });

  it('charges Kyoto the old bands for nights before 2026-03-01', () => {
    const cases: Array<[number, number]> = [
      [5_999, 200],
      [6_000, 200],
      [19_999, 200],
      [20_000, 500],
      [49_999, 500],
      [50_000, 1_000],
      [100_000, 1_000],
    ];
    for (const [yen, tax] of cases) assert.equal(taxFor('kyoto', '2026-02-28', yen), tax, `¥${yen}`);
  });

  it('charges every guest of the night', () => {
    assert.equal(accommodationTaxOf('kyoto', { date: '2027-01-15', charge: { numerator: 3 * 30_000, denominator: 1 }, guests: 3 }), 3_000);
  });

  it('charges nothing in other areas, nor before a tax existed', () => {
    for (const area of ['osaka', 'hakone', 'okinawa', 'nowhere']) assert.equal(taxFor(area, '2027-01-15', 80_000), 0, area);
    assert.equal(taxFor('kyoto', '2018-09-30', 80_000), 0);
  });

  it('keeps every schedule ascending with bands starting at ¥0', () => {
    for (const [area, tax] of Object.entries(ACCOMMODATION_TAXES)) {
      const dates = tax.schedules.map((s) => s.effectiveFrom);
      assert.deepEqual(dates, [...dates].sort(), area);
      for (const { bands } of tax.schedules) {
        assert.equal(bands[0]?.from, 0, area);
        bands.slice(1).forEach((b, i) => assert.ok(b.from > bands[i]!.from, `${area} bands ascend`));
      }
    }
  });
});
