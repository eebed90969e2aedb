import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { launchBrowser, waitInPage } from '@hatago/test-support/browser';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@hatago/embedded';
import { sampleJpeg } from '@hatago/images/testing';


describe('an editor publishes banners in a real browser, through the edge', () => {
  let platform: EmbeddedPlatform;
  let browser: Browser;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hatago-banner-browser-'));
    platform = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', seed: { hotelsPerArea: 1, restaurantsPerArea: 0, days: 5 }, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads an image and a document, previews the draft, publishes, and guests see it in their language', async () => {
    const editor = await browser.newContext({ locale: 'en-US' });
    const page = await editor.newPage();
    await page.goto(`${platform.url}/operator/login`);
    await page.fill('input[name="login"]', 'editor');
    await page.fill('input[name="password"]', 'hatago-demo-pass');
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/operator\/banners$/);

    const imageFile = path.join(dir, 'spring.jpg');
    await writeFile(imageFile, await sampleJpeg(1600, 900));
    await page.setInputFiles('input[name="image"]', imageFile);
    await page.click('form[action="/operator/banners/images"] button[type="submit"]');
    const key = (await page.locator('[data-testid="image-key"]').textContent())!;
    assert.match(key, /^banners\/[0-9a-f]{32}-1600x900\.jpg$/);

    const doc = {
      banners: [
        {
          id: 'spring-hero',
          slot: 'home-hero',
          image: key,
          link: '/search?area=kyoto',
          alt: { ja: '春の京都の庭', en: 'A Kyoto garden in spring' },
          caption: { ja: '春の京都で過ごす', en: 'Spend the spring in Kyoto' },
          start: '2026-01-01T00:00:00+09:00',
          end: '2030-01-01T00:00:00+09:00',
          priority: 10,
        },
      ],
    };
    const documentFile = path.join(dir, 'banners.json');
    await writeFile(documentFile, JSON.stringify(doc, null, 2));
    await page.setInputFiles('#document-file', documentFile);
    await waitInPage(page, "document.querySelector('#document-text').value.includes('spring-hero')");
    await page.click('form[action="/operator/banners/drafts"] button[type="submit"]');
    await page.waitForURL(/\/operator\/banners\/drafts\/\d+$/);

    const previewHref = (await page.locator('a:has-text("Home (English)")').getAttribute('href'))!;
    const [preview] = await Promise.all([editor.waitForEvent('page'), page.click('a:has-text("Home (English)")')]);
    await preview.waitForLoadState();
    assert.equal(await preview.locator('[data-banner-id="spring-hero"] .caption').textContent(), 'Spend the spring in Kyoto');
    await preview.close();
    const previewAnswer = await fetch(platform.url + previewHref);
    await previewAnswer.arrayBuffer();
    assert.equal(previewAnswer.headers.get('cache-control'), 'private, no-store');
    assert.equal(previewAnswer.headers.get('x-cache'), 'PASS', 'the edge never stores a preview');

    const visitor = await browser.newContext({ locale: 'en-US' });
    const before = await visitor.newPage();
    await before.goto(`${platform.url}/?lang=en`);
    assert.equal(await before.locator('[data-banner-id]').count(), 0, 'the draft reaches no other visitor');

    await page.click('form[action$="/publish"] button[type="submit"]');
    await page.waitForURL(/\/operator\/banners\?notice=published$/);
    assert.match((await page.locator('[data-testid="live-version"]').textContent())!, /version \d+/);
    // the publish started the edge purge of the cached home page; it runs beside the answer
    await platform.edgePurging.settled();

    // another visitor (the first one's browser may keep its copy for the page's max-age)
    const guestContext = await browser.newContext({ locale: 'en-US' });
    const guest = await guestContext.newPage();
    await guest.goto(`${platform.url}/?lang=en`);
    const banner = guest.locator('[data-banner-id="spring-hero"]');
    assert.equal(await banner.locator('.caption').textContent(), 'Spend the spring in Kyoto');
    assert.equal(await banner.locator('img').getAttribute('alt'), 'A Kyoto garden in spring');
    await waitInPage(guest, "(() => { const img = document.querySelector('[data-banner-id=\"spring-hero\"] img'); return img !== null && img.complete && img.naturalWidth > 0; })()");
    await guest.goto(`${platform.url}/`);
    assert.equal(await guest.locator('[data-banner-id="spring-hero"] .caption').textContent(), '春の京都で過ごす');
    await Promise.all([editor.close(), visitor.close(), guestContext.close()]);
  });
});
