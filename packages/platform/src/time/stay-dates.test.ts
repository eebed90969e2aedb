import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, daysBetween, isValidDate, stayNights, tokyoToday } from './stay-dates.ts';

describe('stay dates', () => {
  it('accepts only real calendar dates that PostgreSQL can store', () => {
    for (const date of ['2026-01-31', '2028-02-29', '0001-01-01', '9999-12-31']) assert.equal(isValidDate(date), true, date);
    for (const date of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-1-01', '0000-01-01', '0000-12-31', '', '2026-01-01T00:00']) {
      assert.equal(isValidDate(date), false, date);
    }
  });

  it('counts days across month, year and leap-day boundaries', () => {
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(daysBetween('2026-03-01', '2026-02-27'), -2);
    assert.deepEqual(stayNights('2026-12-30', 3), ['2026-12-30', '2026-12-31', '2027-01-01']);
  });

  it('tells the date in Tokyo, not in the process time zone', () => {
    assert.equal(tokyoToday(new Date('2026-03-31T15:00:00Z')), '2026-04-01');
    assert.equal(tokyoToday(new Date('2026-03-31T14:59:59Z')), '2026-03-31');
  });
});
