import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { weekdaysOf } from '../restaurants/restaurant.ts';
import { courseRefusal, dayRefusal, diningClock, unitFor } from './booking-rules.ts';
import type { Course, RestaurantDay, SeatingDay } from './restaurant-day.ts';

// 09:00 in Tokyo on Monday 1 March 2027
const clock = diningClock(new Date('2027-03-01T00:00:00Z'));
const seating = (time: string): SeatingDay => ({ id: 1, time, durationMinutes: 120, units: [] });
const course: Course = {
  id: 1,
  name: { ja: 'コース', en: 'Course' },
  pricePerPerson: 20000,
  seatOnly: false,
  minParty: 2,
  maxParty: 6,
  weekdays: weekdaysOf([2, 3, 4, 5, 6]),
  servedFrom: '17:00',
  servedUntil: '21:00',
  advanceDays: 30,
  cutoffMinutes: 180,
  cancelFees: [],
};
const field = (refusal: { field: string } | undefined) => refusal?.field;

describe('dining booking rules', () => {
  it('closes online booking at the course cut-off before the seating, to the minute', () => {
    // 1 March is a Monday, not a course day: judge the cut-off on Tuesday with the clock moved there
    const tuesday9am = diningClock(new Date('2027-03-02T00:00:00Z'));
    assert.equal(courseRefusal(course, seating('12:00'), '2027-03-02', 2, tuesday9am)?.field, 'courseId', 'lunch is outside served hours');
    const atCutoff = diningClock(new Date('2027-03-02T06:00:00Z')); // 15:00 Tokyo, 18:00 seating, 180 minutes before
    assert.equal(courseRefusal(course, seating('18:00'), '2027-03-02', 2, atCutoff), undefined);
    const afterCutoff = diningClock(new Date('2027-03-02T06:00:01Z'));
    assert.equal(field(courseRefusal(course, seating('18:00'), '2027-03-02', 2, afterCutoff)), 'time');
  });

  it('opens a course only within its advance window', () => {
    assert.equal(courseRefusal(course, seating('18:00'), '2027-03-31', 2, clock), undefined, '30 days ahead');
    assert.equal(field(courseRefusal(course, seating('18:00'), '2027-04-01', 2, clock)), 'date', '31 days ahead');
  });

  it('serves a course on its days and to its party sizes only', () => {
    assert.equal(field(courseRefusal(course, seating('18:00'), '2027-03-07', 2, clock)), 'courseId', 'Sunday is not a course day');
    assert.equal(field(courseRefusal(course, seating('18:00'), '2027-03-02', 1, clock)), 'party');
    assert.equal(field(courseRefusal(course, seating('18:00'), '2027-03-02', 7, clock)), 'party');
    assert.equal(courseRefusal(course, seating('18:00'), '2027-03-02', 6, clock), undefined);
  });

  it('refuses past dates and closed days', () => {
    const day = (date: string, closed: boolean) => ({ date, closed }) as RestaurantDay;
    assert.equal(field(dayRefusal(day('2027-02-28', false), clock)), 'date');
    assert.equal(field(dayRefusal(day('2027-03-02', true), clock)), 'date');
    assert.equal(dayRefusal(day('2027-03-01', false), clock), undefined, 'today is open until the cut-off');
  });

  it('seats a party at the smallest table it may take, never a table for 2 to one guest unless allowed', () => {
    const tables = [
      { tableSeats: 6, minParty: 4, free: 1 },
      { tableSeats: 2, minParty: 2, free: 1 },
      { tableSeats: 4, minParty: 3, free: 2 },
    ];
    assert.equal(unitFor(tables, 2)?.tableSeats, 2);
    assert.equal(unitFor(tables, 3)?.tableSeats, 4);
    assert.equal(unitFor(tables, 5)?.tableSeats, 6);
    assert.equal(unitFor(tables, 1), undefined, 'no table takes one guest');
    assert.equal(unitFor([{ tableSeats: 2, minParty: 1, free: 1 }], 1)?.tableSeats, 2, 'unless the restaurant allows it');
    assert.equal(unitFor([{ tableSeats: 2, minParty: 2, free: 0 }, { tableSeats: 4, minParty: 2, free: 1 }], 2)?.tableSeats, 4, 'a full size is skipped');
    assert.equal(unitFor(tables, 7), undefined);
  });

  it('sells seats from the pool while enough are free', () => {
    assert.equal(unitFor([{ tableSeats: 0, minParty: 1, free: 2 }], 2)?.tableSeats, 0);
    assert.equal(unitFor([{ tableSeats: 0, minParty: 1, free: 2 }], 3), undefined);
  });
});
