import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { sql } from 'kysely';
import { launchBrowser, waitInPage } from '@hatago/test-support/browser';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@hatago/embedded';
import { futureDate } from '@hatago/test-support';

const MEMBER = { email: 'member@example.com', password: 'hatago-demo-pass', name: '一休 花子' };
// shared pages the edge caches for everyone, each of which runs the account-status script
const SHARED_PAGES = ['/', `/search?area=kyoto&checkin=${futureDate(3)}&nights=1&guests=2&rooms=1`, '/restaurants', '/?lang=en'];

/**
 * The header script asks the private /account/status only for a browser holding the signed-in
 * hint: an anonymous visitor's page views, served from the edge's cache, reach no guest app.
 */
describe('the account-status script asks only for a signed-in browser, through the edge', () => {
  let platform: EmbeddedPlatform;
  let browser: Browser;

  before(async () => {
    platform = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', seed: { hotelsPerArea: 1, restaurantsPerArea: 1, days: 5 }, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  /** A tab that counts the requests its pages make to /account/status. */
  async function countingTab(context: BrowserContext): Promise<{ page: Page; asked: () => number }> {
    const page = await context.newPage();
    let asked = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/account/status') asked++;
    });
    return { page, asked: () => asked };
  }

  /** Opens a page; by its load event its deferred script has run, and any request it makes has started. */
  async function view(page: Page, path: string): Promise<void> {
    const response = await page.goto(`${platform.url}${path}`, { waitUntil: 'load' });
    assert.equal(response?.status(), 200, path);
    assert.equal(await page.locator('script[src="/assets/account-status.js"]').count(), 1, `${path} runs the script`);
  }

  it('asks nothing for an anonymous visitor over several page views, and the login link stays', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    try {
      const { page, asked } = await countingTab(context);
      for (const path of [...SHARED_PAGES, ...SHARED_PAGES]) {
        await view(page, path);
        assert.equal(await page.locator('a[data-account-link="login"]').count(), 1, path);
      }
      assert.equal(asked(), 0);
    } finally {
      await context.close();
    }
  });

  it('asks once per page view when signed in and names the member; after the session ends, once more and then never', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    try {
      const { page, asked } = await countingTab(context);
      await page.goto(`${platform.url}/login`);
      await page.fill('input[name="email"]', MEMBER.email);
      await page.fill('input[name="password"]', MEMBER.password);
      await page.locator('main form button[type="submit"]').click();
      await page.waitForURL(/\/account\/reservations/);
      assert.equal(asked(), 0, 'the account pages know who is signed in without asking');

      for (const [i, path] of SHARED_PAGES.entries()) {
        await view(page, path);
        await waitInPage(page, `document.querySelector('a[data-account-link="member"]') !== null`);
        assert.ok((await page.locator('a[data-account-link="member"]').innerText()).includes(MEMBER.name), path);
        assert.equal(asked(), i + 1, `one request per page view (${path})`);
      }

      // the session ends behind the browser's back (another device changed the password): the next answer drops the hint
      await sql`delete from sessions where subject_kind = 'member'`.execute(platform.database.db);
      const before = asked();
      const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/account/status');
      await view(page, '/');
      assert.deepEqual(await (await answered).json(), { signedIn: false });
      assert.equal(asked(), before + 1);
      assert.equal((await context.cookies()).some((c) => c.name === 'hatago_signed_in'), false, 'the hint is gone');
      for (const path of SHARED_PAGES) await view(page, path);
      assert.equal(asked(), before + 1, 'no more requests once the hint is gone');
      assert.equal(await page.locator('a[data-account-link="login"]').count(), 1);
    } finally {
      await context.close();
    }
  });
});
