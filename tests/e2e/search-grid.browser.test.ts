import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { launchBrowser, waitInPage } from '@hatago/test-support/browser';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@hatago/embedded';
import { futureDate } from '@hatago/test-support';


// the key as an operator defines it in the console
// the demo world's flag: the photo-grid design, released to nobody, open to `?preview=new-search`
const KEY = 'new-search';
const SEARCH = `/search?checkin=${futureDate(2)}&nights=1&guests=2&rooms=1&lang=en`;

/** Where each result card is drawn, to tell columns from rows. */
const cardBoxes = (page: Page) =>
  page.locator('[data-testid="hotel-result"]').evaluateAll((cards) => cards.map((card) => {
    const box = card.getBoundingClientRect();
    return { left: Math.round(box.left), top: Math.round(box.top) };
  }));

describe('the photo-grid hotel search in a real browser', () => {
  let platform: EmbeddedPlatform;
  let browser: Browser;

  before(async () => {
    platform = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 5 }, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('shows a preview the grid of loaded photos, columns on a wide screen and one on a phone, each card one link to its hotel', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    // the guest app's own address: the app decides the preview itself, as it does with no edge in front
    await page.goto(`${platform.services.guest}${SEARCH}&preview=${KEY}`);
    assert.equal(await page.locator('[data-design]').getAttribute('data-design'), 'grid');
    const photos = page.locator('img.grid-photo');
    assert.equal(await photos.count(), 10, 'every seeded hotel has its photo');
    // the first row, on screen: the first photo loads at once, the two beside it lazily
    await waitInPage(page, "[...document.querySelectorAll('img.grid-photo')].slice(0, 3).every((img) => img.complete && img.naturalWidth > 0)");
    assert.ok(((await photos.first().getAttribute('alt')) ?? '').length > 0, 'photos have alt text');
    const wide = await cardBoxes(page);
    assert.equal(new Set(wide.slice(0, 3).map((box) => box.top)).size, 1, 'three cards side by side');
    assert.equal(new Set(wide.slice(0, 3).map((box) => box.left)).size, 3);
    await mkdir('.test-artifacts', { recursive: true });
    await page.screenshot({ path: '.test-artifacts/search-grid.png', fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    const narrow = await cardBoxes(page);
    assert.equal(new Set(narrow.map((box) => box.left)).size, 1, 'one column on a phone');

    // the keyboard reaches the first card's link; the photo, drawn above it, follows it too
    const firstLink = page.locator('a.grid-link').first();
    await firstLink.focus();
    assert.equal(await page.locator('.grid-card:focus-within').count(), 1);
    const href = await firstLink.getAttribute('href');
    // a click where the photo is drawn lands on the card's link stretched over it (playwright's own click would refuse the covered image)
    await photos.first().scrollIntoViewIfNeeded();
    const photo = (await photos.first().boundingBox())!;
    await page.mouse.click(photo.x + photo.width / 2, photo.y + photo.height / 2);
    await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
  });

  it('shows everyone else the list, through the edge', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`${platform.url}${SEARCH}`);
    assert.equal(await page.locator('[data-design]').getAttribute('data-design'), 'list');
    assert.ok((await page.locator('[data-testid="hotel-result"]').count()) >= 1);
    assert.equal(await page.locator('img.grid-photo').count(), 0);
  });
});
