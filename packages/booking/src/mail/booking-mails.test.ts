import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTemplateRegistry } from '@hatago/mail';
import { assertRendersEmail } from '@hatago/mail/testing';
import { SAMPLE_PARAMS, sampleReservation } from '../testing/sample-reservation.ts';
import { bookingMails } from './booking-mails.ts';

const templates = createTemplateRegistry(bookingMails);

describe('booking mails', () => {
  test('every email template renders HTML and text in Japanese and English, escaping what callers pass', () => {
    for (const { name } of bookingMails) assertRendersEmail(templates, name, SAMPLE_PARAMS[name]);
  });

  test('reservation mails state the stay in the reader\'s language', () => {
    const ja = templates.render('reservation-confirmation', SAMPLE_PARAMS['reservation-confirmation'], 'ja');
    const en = templates.render('reservation-confirmation', SAMPLE_PARAMS['reservation-confirmation'], 'en');
    assert.ok(ja.channel === 'email' && en.channel === 'email');
    assert.match(ja.text, /2026年12月24日 〜 2026年12月26日（2泊）/);
    assert.match(ja.text, /合計金額: 128,000円/);
    assert.match(ja.subject, /HT7F3K9Q2MXA/);
    assert.match(en.text, /24 December 2026 – 26 December 2026 \(2 nights\)/);
    assert.match(en.text, /Total: ¥128,000/);
    const cancelled = templates.render('reservation-cancellation', SAMPLE_PARAMS['reservation-cancellation'], 'en');
    assert.ok(cancelled.channel === 'email');
    assert.match(cancelled.text, /Cancellation fee: ¥64,000/);
  });

  test("confirmations and the hotel's notice state the party, arrival, requests and payment in both languages", () => {
    const reservation = {
      ...sampleReservation,
      guests: 3,
      children: 1,
      arrivalTime: '18:30',
      requests: '<b>禁煙室</b>希望',
      payment: { kind: 'guarantee', brand: 'visa', last4: '4242' },
    };
    const ja = templates.render('reservation-confirmation', { reservation }, 'ja');
    const en = templates.render('reservation-confirmation', { reservation }, 'en');
    const notice = templates.render('facility-new-reservation', { reservation, hotelName: '箱根 翠の宿' }, 'ja');
    assert.ok(ja.channel === 'email' && en.channel === 'email' && notice.channel === 'email');
    assert.match(ja.text, /人数・室数: 大人2名・子ども1名・1室/);
    assert.match(ja.text, /チェックイン予定時刻: 18:30/);
    assert.match(ja.text, /お支払い: VISA •••• 4242で保証/);
    assert.match(en.text, /Guests \/ rooms: 2 adults, 1 child, 1 room/);
    assert.match(en.text, /Estimated arrival: 18:30/);
    assert.match(en.text, /Special requests: <b>禁煙室<\/b>希望/);
    assert.match(en.text, /Payment: Guaranteed by VISA •••• 4242/);
    assert.match(en.html, /&lt;b&gt;禁煙室/);
    assert.match(notice.text, /ご要望: <b>禁煙室<\/b>希望/);
    const atHotel = templates.render('reservation-confirmation', { reservation: { ...reservation, payment: { kind: 'at_hotel' } } }, 'en');
    assert.ok(atHotel.channel === 'email');
    assert.match(atHotel.text, /Payment: Pay at the hotel/);
  });

  test('a confirmation lists the accommodation tax the hotel collects apart from the total', () => {
    const reservation = { ...sampleReservation, accommodationTax: 2_000 };
    const ja = templates.render('reservation-confirmation', { reservation }, 'ja');
    const en = templates.render('reservation-confirmation', { reservation }, 'en');
    assert.ok(ja.channel === 'email' && en.channel === 'email');
    assert.match(ja.text, /合計金額: 128,000円/);
    assert.match(ja.text, /宿泊税（ホテルでお支払い）: 2,000円/);
    assert.match(en.text, /Accommodation tax \(paid at the hotel\): ¥2,000/);
    const untaxed = templates.render('reservation-confirmation', SAMPLE_PARAMS['reservation-confirmation'], 'en');
    assert.ok(untaxed.channel === 'email');
    assert.doesNotMatch(untaxed.text, /Accommodation tax/);
  });

  test('a modification tells the guest what changed, before → after, and how the stay now stands', () => {
    const params = SAMPLE_PARAMS['reservation-modification']!;
    const ja = templates.render('reservation-modification', params, 'ja');
    const en = templates.render('reservation-modification', params, 'en');
    assert.ok(ja.channel === 'email' && en.channel === 'email');
    assert.match(ja.subject, /ご予約変更/);
    assert.match(ja.text, /ご宿泊: 2026年12月24日 〜 2026年12月26日（2泊） → 2026年12月24日 〜 2026年12月27日（3泊）/);
    assert.match(ja.text, /合計金額: 128,000円 → 192,000円/);
    assert.match(en.text, /What changed\nStay: 24 December 2026 – 26 December 2026 \(2 nights\) → 24 December 2026 – 27 December 2026 \(3 nights\)\nTotal: ¥128,000 → ¥192,000\n/);
    assert.doesNotMatch(en.text, /What changed[^]*Plan: .* → /, 'an unchanged line is not listed as a change');
  });

  test('params are checked against each template\'s schema', () => {
    for (const [name, params] of Object.entries(SAMPLE_PARAMS)) assert.deepEqual(templates.paramErrors(name, params), [], name);
    assert.ok(templates.paramErrors('facility-new-reservation', { reservation: sampleReservation }).some((e) => e.path === '/hotelName'));
  });
});
