import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { launchBrowser } from '@hatago/test-support/browser';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@hatago/embedded';
import { futureDate } from '@hatago/test-support';

/** Clicks "add to calendar" and reads the file the browser saved. */
async function downloadCalendar(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="add-to-calendar"]')]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

describe('a guest in a real browser, through the edge', () => {
  let platform: EmbeddedPlatform;
  let browser: Browser;

  before(async () => {
    platform = await startEmbeddedPlatform({
      port: 0,
      host: '127.0.0.1',
      // a small world (kyoto's hotel 21 days ahead is all the journey needs) with the demo's prices per
      // number of guests: the whole lived-in demo world took 50 of the file's 62 s, and its own
      // start is tests/e2e/embedded-platform.test.ts's
      seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 30, occupancyPrices: true },
      logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('searches, books, sees the confirmation, then cancels by code and email', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    const email = 'browser.guest@example.com';

    await page.goto(`${platform.url}/?lang=en`);
    await page.selectOption('select[name="area"]', 'kyoto');
    await page.fill('input[name="checkin"]', futureDate(21));
    await page.fill('input[name="nights"]', '2');
    await page.click('form[action="/search"] button[type="submit"]');

    const results = page.locator('[data-testid="hotel-result"]');
    assert.ok((await results.count()) >= 1, 'search shows hotels');
    await results.first().locator('a').first().click();

    await page.locator('[data-testid="book-plan"]').first().click();
    await page.fill('input[name="name"]', '山田 太郎');
    await page.fill('input[name="nameLatin"]', 'Taro Yamada');
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="phone"]', '090-1234-5678');
    await page.selectOption('select[name="adults"]', '1');
    await page.selectOption('select[name="children"]', '1');
    const arrival = await page.locator('select[name="arrivalTime"] option').nth(2).getAttribute('value');
    await page.selectOption('select[name="arrivalTime"]', arrival!);
    await page.fill('textarea[name="requests"]', 'A cot for our child, please');
    // a plan that takes a card guarantee asks for one: the sandbox's good card
    if ((await page.locator('input[name="cardNumber"]').count()) > 0) {
      await page.fill('input[name="cardNumber"]', '4242 4242 4242 4242');
      await page.fill('input[name="cardExpiry"]', '12/39');
      await page.fill('input[name="cardCvc"]', '123');
    }
    await page.check('input[name="acceptTerms"]');
    await page.locator('main form.stack button[type="submit"]').click();

    const total = await page.locator('[data-testid="booking-total"]').textContent();
    assert.match(total ?? '', /¥[\d,]+/);
    await page.click('[data-testid="confirm-booking"]');

    const code = (await page.locator('[data-testid="reservation-code"]').textContent())?.trim() ?? '';
    assert.match(code, /^HT[0-9A-Z]{10}$/);
    assert.equal(await page.locator('[data-testid="reservation-status"]').getAttribute('data-status'), 'confirmed');
    assert.equal(await page.locator('[data-testid="party"]').textContent(), '1 adult, 1 child');
    assert.equal(await page.locator('[data-testid="arrival-time"]').textContent(), arrival);
    assert.equal(await page.locator('[data-testid="requests"]').textContent(), 'A cot for our child, please');
    assert.match((await page.locator('[data-testid="payment"]').textContent()) ?? '', /^(Pay at the hotel when you stay|Guaranteed by VISA •••• 4242 \(¥[\d,]+ held on the card\))$/);
    await mkdir('.test-artifacts', { recursive: true });
    await page.screenshot({ path: '.test-artifacts/booking-confirmation.png', fullPage: true });
    // the browser sends the just-booked cookie to the file beside the confirmation
    const booked = await downloadCalendar(page);
    assert.equal(booked.name, `hatago-${code}.ics`);
    assert.match(booked.text, /^BEGIN:VCALENDAR\r\n/);
    assert.ok(booked.text.includes(`UID:${code}@`));

    await page.goto(`${platform.url}/reservations/lookup?lang=en`);
    await page.fill('input[name="code"]', code);
    await page.fill('input[name="email"]', email);
    await page.locator('main form button[type="submit"]').click();

    assert.match((await page.locator('[data-testid="cancel-fee-today"]').textContent()) ?? '', /¥[\d,]+/);
    const lookedUp = await downloadCalendar(page);
    assert.equal(lookedUp.name, `hatago-${code}.ics`);
    assert.match(lookedUp.text, /\r\nSUMMARY:Stay: /);
    await page.click('[data-testid="cancel-reservation"]');
    await page.locator('[data-testid="reservation-status"][data-status="cancelled"]').waitFor();
    await page.screenshot({ path: '.test-artifacts/booking-cancelled.png', fullPage: true });

    const api = (await (await fetch(`${platform.url}/api/v1/reservations/${code}?email=${email}`)).json()) as { status: string };
    assert.equal(api.status, 'cancelled', 'the API agrees with what the browser saw');
  });
});
