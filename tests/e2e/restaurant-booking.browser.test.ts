import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { launchBrowser } from '@hatago/test-support/browser';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@hatago/embedded';
import { futureDate } from '@hatago/test-support';


/** Reloads the dev mailbox until a mail to `recipient` is listed (the mail workers poll the outbox), bounded. */
async function mailFor(page: Page, origin: string, recipient: string, deadlineMs = 60_000) {
  const started = Date.now();
  for (;;) {
    await page.goto(`${origin}/operator/mailbox`);
    const row = page.locator('tbody tr', { hasText: recipient });
    if ((await row.count()) > 0) return row.first();
    if (Date.now() - started > deadlineMs) throw new Error(`no mail to ${recipient} reached the dev mailbox`);
    await page.waitForTimeout(250);
  }
}

describe('a guest books a restaurant in English in a real browser, through the edge', () => {
  let platform: EmbeddedPlatform;
  let browser: Browser;

  before(async () => {
    platform = await startEmbeddedPlatform({
      port: 0,
      host: '127.0.0.1',
      seed: { hotelsPerArea: 1, restaurantsPerArea: 2, days: 30 },
      logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('searches, books a table with a card guarantee, sees the confirmation, and the English confirmation mail arrives', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    const email = 'browser.diner@example.com';

    await page.goto(`${platform.url}/?lang=en`);
    await page.click('[data-testid="nav-restaurants"]');
    const search = page.locator('form[action="/restaurants"]');
    await search.locator('input[name="date"]').fill(futureDate(12));
    await search.locator('select[name="time"]').selectOption('19:00');
    await search.locator('select[name="party"]').selectOption('2');
    await search.locator('button[type="submit"]').click();
    assert.match(await page.locator('main').textContent() ?? '', /\d+ restaurants? found/);

    await page.locator('[data-testid="restaurant-time"]').first().click();
    assert.equal(await page.locator('[data-testid="calendar-month"]').count(), 2);
    await page.locator('[data-testid="book-course"]').first().click();

    await page.fill('input[name="name"]', 'Emma Brown');
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="phone"]', '+44 20 7946 0000');
    await page.fill('textarea[name="allergies"]', 'No shellfish');
    await page.selectOption('select[name="occasion"]', 'anniversary');
    if ((await page.locator('input[name="cardNumber"]').count()) > 0) {
      await page.fill('input[name="cardNumber"]', '4242 4242 4242 4242');
      await page.fill('input[name="cardExpiry"]', '12/39');
      await page.fill('input[name="cardCvc"]', '123');
    }
    await page.locator('main form button[type="submit"]').click();

    assert.match((await page.locator('[data-testid="booking-total"]').textContent()) ?? '', /¥[\d,]+/);
    await page.click('[data-testid="confirm-booking"]');

    const code = (await page.locator('[data-testid="reservation-code"]').textContent())?.trim() ?? '';
    assert.match(code, /^RS[0-9A-Z]{10}$/);
    const status = await page.locator('[data-testid="reservation-status"]').getAttribute('data-status');
    assert.ok(status === 'confirmed' || status === 'requested', String(status));
    assert.match((await page.locator('main').textContent()) ?? '', /Occasion: Anniversary/);
    await mkdir('.test-artifacts', { recursive: true });
    await page.screenshot({ path: '.test-artifacts/table-confirmation.png', fullPage: true });

    const staff = await browser.newPage({ locale: 'en-US' });
    await staff.goto(`${platform.url}/operator/login`);
    await staff.fill('input[name="login"]', 'support');
    await staff.fill('input[name="password"]', 'hatago-demo-pass');
    await staff.locator('main form button[type="submit"]').click();
    const row = await mailFor(staff, platform.url, email);
    await row.locator('a').click();
    const subject = (await staff.locator('h1').textContent()) ?? '';
    assert.match(subject, status === 'confirmed' ? new RegExp(`^Your Hatago table ${code} is confirmed$`) : new RegExp(`^Your Hatago table request ${code} was sent$`));
    const text = (await staff.locator('pre.mail-text').textContent()) ?? '';
    assert.match(text, /Dear Emma Brown/);
    assert.match(text, /Restaurant/);
    assert.ok(!/[\u3040-\u30ff]/.test(text.replace(/^.*Restaurant.*$/m, '')), 'the mail is in English');
    await staff.screenshot({ path: '.test-artifacts/table-confirmation-mail.png', fullPage: true });
  });
});
