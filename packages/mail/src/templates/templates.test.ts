import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SAMPLE_PARAMS, sampleReservation } from '../testing/sample-params.ts';
import { MAIL_TEMPLATES, NOTICE_TEMPLATES, paramErrors, renderMessage } from './template-catalog.ts';

describe('mail templates', () => {
  test('every email template renders HTML and text in Japanese and English, escaping what callers pass', () => {
    for (const name of MAIL_TEMPLATES) {
      for (const locale of ['ja', 'en'] as const) {
        const rendered = renderMessage(name, SAMPLE_PARAMS[name], locale);
        assert.equal(rendered.channel, 'email');
        if (rendered.channel !== 'email') continue;
        assert.ok(rendered.subject.length > 0, `${name} ${locale} subject`);
        assert.match(rendered.html, new RegExp(`^<!doctype html>\\s*<html lang="${locale}">`));
        assert.ok(!rendered.html.includes('<script>'), `${name} ${locale} escapes`);
        assert.ok(!rendered.html.includes('<Co>') && !rendered.html.includes('token=abc&lang'), `${name} ${locale} escapes`);
        assert.ok(rendered.text.length > 0 && !/<(p|a|table|div)\b/.test(rendered.text), `${name} ${locale} text has no markup`);
      }
    }
  });

  test('reservation mails state the stay in the reader\'s language', () => {
    const ja = renderMessage('reservation-confirmation', SAMPLE_PARAMS['reservation-confirmation'], 'ja');
    const en = renderMessage('reservation-confirmation', SAMPLE_PARAMS['reservation-confirmation'], 'en');
    assert.ok(ja.channel === 'email' && en.channel === 'email');
    assert.match(ja.text, /2026年12月24日 〜 2026年12月26日（2泊）/);
    assert.match(ja.text, /合計金額: 128,000円/);
    assert.match(ja.subject, /HT7F3K9Q2MXA/);
    assert.match(en.text, /24 December 2026 – 26 December 2026 \(2 nights\)/);
    assert.match(en.text, /Total: ¥128,000/);
    const cancelled = renderMessage('reservation-cancellation', SAMPLE_PARAMS['reservation-cancellation'], 'en');
    assert.ok(cancelled.channel === 'email');
    assert.match(cancelled.text, /Cancellation fee: ¥64,000/);
    const reset = renderMessage('password-reset', SAMPLE_PARAMS['password-reset'], 'en');
    assert.ok(reset.channel === 'email');
    assert.ok(reset.html.includes('href="https://hatago.example/reset?token=abc&amp;lang=en"'));
    assert.ok(reset.text.includes('https://hatago.example/reset?token=abc&lang=en'));
    assert.ok(paramErrors('password-reset', { name: 'x', resetUrl: 'https://a.example/"><script>', expiresInMinutes: 5 }).length > 0);
  });

  test('Slack notices escape &, < and > so text cannot mention channels or forge links', () => {
    for (const name of NOTICE_TEMPLATES) {
      const rendered = renderMessage(name, SAMPLE_PARAMS[name], 'en');
      assert.equal(rendered.channel, 'slack');
      assert.ok(!JSON.stringify(rendered).includes('<&>') && !JSON.stringify(rendered).includes('<@U123>'));
    }
    const inventory = renderMessage('facility-inventory-changed', SAMPLE_PARAMS['facility-inventory-changed'], 'en');
    assert.ok(inventory.channel === 'slack');
    assert.equal(inventory.text, 'Inventory changed at Inn &lt;&amp;&gt; Spa (#3) for 2026-12-01 – 2026-12-31 by facility-3');
  });

  test('params are checked against each template\'s schema', () => {
    for (const [name, params] of Object.entries(SAMPLE_PARAMS)) assert.deepEqual(paramErrors(name, params), [], name);
    assert.ok(paramErrors('password-reset', { name: 'x', resetUrl: 'javascript:alert(1)', expiresInMinutes: 30 }).some((e) => e.path === '/resetUrl'));
    assert.ok(paramErrors('operator-alert', { title: 't', text: 'x', severity: 'panic' }).some((e) => e.path === '/severity'));
    assert.ok(paramErrors('facility-new-reservation', { reservation: sampleReservation }).some((e) => e.path === '/hotelName'));
    assert.deepEqual(paramErrors('no-such-template', {}), [{ path: '', message: 'Unknown template no-such-template' }]);
  });
});
