import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { launchBrowser } from '@hatago/test-support/browser';
import { buildFacilityApp } from '@hatago/facility';
import { buildGuestApp } from '@hatago/guest';
import type { HttpApp } from '@hatago/platform/http';
import { LocalStorage, UrlSignature } from '@hatago/storage';
import { createTestDatabase, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { DEMO_PASSWORD } from './support/apps-under-attack.ts';


/**
 * The fixes of issue 16 seen by a real browser: the CSP blocks nothing the pages use (they
 * look as before), and the browser's own same-site form posts pass the cross-site check.
 */
describe('security headers and the cross-site check in a real browser', () => {
  let db: TestDatabase;
  let guest: HttpApp;
  let facility: HttpApp;
  let browser: Browser;
  const origins: Record<string, string> = {};

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    const deps = testAppDeps(db.database);
    guest = await buildGuestApp(deps);
    facility = await buildFacilityApp({ ...deps, storage: new LocalStorage({ root: '/nonexistent', signature: new UrlSignature(deps.signingSecret), urlPrefix: '/facility/files/' }) });
    for (const [name, app] of Object.entries({ guest, facility })) {
      await app.listen({ port: 0, host: '127.0.0.1' });
      origins[name] = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await Promise.all([guest?.close(), facility?.close()]);
    await db?.dispose();
  });

  it('renders every page with its styles and reports no policy violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    for (const url of [`${origins.guest}/`, `${origins.guest}/login`, `${origins.guest}/no-such-page`, `${origins.facility}/facility/login`]) {
      await page.goto(url);
      // a string, so the browser's globals need no DOM types here
      const look = await page.evaluate(`({
        paper: getComputedStyle(document.body).backgroundColor,
        header: getComputedStyle(document.querySelector('.site-header')).borderBottomStyle,
      })`);
      assert.deepEqual(look, { paper: 'rgb(251, 249, 245)', header: 'solid' }, `${url} keeps the shared look`);
    }
    assert.deepEqual(violations, []);
    await page.close();
  });

  it('signs in through the form and signs out through the button, as the browser posts them', async () => {
    const page = await browser.newPage();
    await page.goto(`${origins.facility}/facility/login`);
    const hotel = await db.database.db.selectFrom('hotels').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await page.fill('input[name=login]', `facility-${hotel.id}`);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${origins.facility}/facility/`), page.click('button[type=submit]')]);
    assert.equal(await page.locator('input[name=_csrf]').count(), 1, 'the signed-in page carries the form token');
    await Promise.all([page.waitForURL(/\/facility\/login$/), page.click('.nav-user button')]);
    await page.close();
  });
});
