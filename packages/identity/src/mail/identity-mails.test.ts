import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTemplateRegistry } from '@hatago/mail';
import { assertNoticeEscapes, assertRendersEmail } from '@hatago/mail/testing';
import { identityMails } from './identity-mails.ts';

const templates = createTemplateRegistry(identityMails);

/** Valid params for each of identity's mails, with markup and a query string to prove escaping. */
const SAMPLE_PARAMS: Record<string, Record<string, unknown>> = {
  'member-welcome': { name: 'Hanako & <Co>' },
  'member-verify-email': { name: 'Hanako & <Co>', verifyUrl: 'https://hatago.example/signup/verify?token=abc&lang=en', expiresInHours: 24 },
  'sign-up-attempted': { name: 'Hanako & <Co>' },
  'password-changed': { name: 'Hanako & <Co>' },
  'password-reset': { name: 'Hanako', resetUrl: 'https://hatago.example/reset?token=abc&lang=en', expiresInMinutes: 30 },
  'login-failures-sustained': { account: 'operator:<&><@U123>', failures: 51, windowMinutes: 15 },
  'email-change-confirm': { name: 'Hanako & <Co>', confirmUrl: 'https://hatago.example/account/email/confirm?token=abc&lang=en', expiresInHours: 24 },
  'email-change-requested': { name: 'Hanako & <Co>', newEmail: 'new<b>@example.com', expiresInHours: 24 },
  'email-change-address-in-use': { name: 'Hanako & <Co>' },
};

describe('identity mails', () => {
  test('every email template renders HTML and text in Japanese and English, escaping what callers pass', () => {
    for (const { name, channel } of identityMails) if (channel === 'email') assertRendersEmail(templates, name, SAMPLE_PARAMS[name]);
  });

  test('the notice of sustained failed logins escapes the account it names', () => {
    assertNoticeEscapes(templates, 'login-failures-sustained', SAMPLE_PARAMS['login-failures-sustained']);
  });

  test('a password reset link is escaped in HTML, whole in text, and only ever an http(s) link', () => {
    const reset = templates.render('password-reset', SAMPLE_PARAMS['password-reset'], 'en');
    assert.ok(reset.channel === 'email');
    assert.ok(reset.html.includes('href="https://hatago.example/reset?token=abc&amp;lang=en"'));
    assert.ok(reset.text.includes('https://hatago.example/reset?token=abc&lang=en'));
    assert.ok(templates.paramErrors('password-reset', { name: 'x', resetUrl: 'https://a.example/"><script>', expiresInMinutes: 5 }).length > 0);
    assert.deepEqual([templates.withholdsBody('password-reset'), templates.withholdsBody('member-welcome')], [true, false], 'staff never read the link');
  });

  test('params are checked against each template\'s schema', () => {
    for (const [name, params] of Object.entries(SAMPLE_PARAMS)) assert.deepEqual(templates.paramErrors(name, params), [], name);
    assert.ok(templates.paramErrors('password-reset', { name: 'x', resetUrl: 'javascript:alert(1)', expiresInMinutes: 30 }).some((e) => e.path === '/resetUrl'));
  });
});
