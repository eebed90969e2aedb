import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTemplateRegistry } from '@hatago/mail';
import { assertRendersEmail } from '@hatago/mail/testing';
import { diningMails } from './dining-mails.ts';

const reservation = {
  code: 'RS7F3K9Q2MXA',
  restaurantName: '銀座 試験亭',
  courseName: '季節のおまかせ',
  date: '2026-12-24',
  time: '18:00',
  party: 2,
  guest: { name: '<script>alert(1)</script> 山田' },
  requests: '<b>窓際</b>',
  totalPrice: 60000,
  cancelFees: [
    { withinHours: 24, percent: 100 },
    { withinHours: 48, percent: 50 },
  ],
  cancelFee: null,
};
const templates = createTemplateRegistry(diningMails);

describe('dining mails', () => {
  test('every table mail renders HTML and text in Japanese and English, escaping what callers pass', () => {
    for (const { name } of diningMails) assertRendersEmail(templates, name, { reservation: { ...reservation, cancelFee: name.endsWith('cancellation') ? 30000 : null } });
  });

  test('a confirmation states the seating, the total and the fees in the reader\'s language; a request says it is one', () => {
    const ja = templates.render('table-reservation-confirmation', { reservation }, 'ja');
    const en = templates.render('table-reservation-confirmation', { reservation }, 'en');
    assert.ok(ja.channel === 'email' && en.channel === 'email');
    assert.match(ja.text, /2026年12月24日 18:00/);
    assert.match(ja.text, /合計金額: 60,000円/);
    assert.match(ja.text, /48時間前から50%、24時間前から100%/);
    assert.match(en.text, /24 December 2026 18:00/);
    assert.match(en.text, /50% within 48 hours; 100% within 24 hours/);
    const request = templates.render('table-reservation-request', { reservation }, 'en');
    assert.ok(request.channel === 'email');
    assert.match(request.subject, /request RS7F3K9Q2MXA/);
    assert.match(request.text, /confirmed once the restaurant accepts it/);
  });

  test('params are checked against each template\'s schema', () => {
    assert.deepEqual(templates.paramErrors('table-reservation-confirmation', { reservation }), []);
    assert.ok(templates.paramErrors('table-reservation-confirmation', { reservation: { ...reservation, time: '6pm' } }).some((e) => e.path === '/reservation/time'));
  });
});
