import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Browser } from 'playwright-core';
import { launchBrowser } from '@hatago/test-support/browser';
import { platformTemplates } from '@hatago/runtime';
import type { HttpApp } from '@hatago/platform/http';
import { createTestDatabase, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { buildOperatorApp } from '../operator-app.ts';


// what a hostile or careless template could put in a mail; `tracker` is another site
const hostile = (tracker: string) => `<p id="greeting">Welcome to Hatago</p>
<script>document.body.dataset.ran = 'yes'; window.parent.document.title = 'owned';</script>
<img src="${tracker}/pixel.gif"><link rel="stylesheet" href="${tracker}/font.css">
<img src="x" onerror="document.body.dataset.onerror = 'ran'">`;

describe('a mail shown to support staff in a real browser', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let browser: Browser;
  let origin: string;
  let messageId: number;
  let tracker: Server;
  const trackerHits: string[] = [];

  before(async () => {
    db = await createTestDatabase(testDatabaseTargets()[0]!);
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    tracker = createServer((request, response) => {
      trackerHits.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
    const trackerOrigin = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
    const { rows } = await sql<{ id: number }>`
      insert into mail_messages (template, recipient, locale, params, category, idempotency_key, status, subject, body_html, body_text)
      values ('reservation-confirmation', 'guest@example.com', 'en', '{}', 'reservation', 'browser-preview', 'delivered', 'Your stay', ${hostile(trackerOrigin)}, 'Welcome')
      returning id`.execute(db.database.db);
    messageId = Number(rows[0]!.id);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await new Promise((resolve) => tracker?.close(resolve));
    await db?.dispose();
  });

  it('renders the HTML in its frame, runs none of its scripts and loads nothing remote', async () => {
    const [name, value] = (await staffSessionCookie(app, '/operator', 'support')).split('=') as [string, string];
    const context = await browser.newContext();
    await context.addCookies([{ name, value, url: origin }]);
    const page = await context.newPage();
    const response = await page.goto(`${origin}/operator/mail/${messageId}`);
    assert.equal(response?.status(), 200);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(frame, 'the mail has its own frame');
    assert.equal(await frame.locator('#greeting').textContent(), 'Welcome to Hatago');
    assert.equal(await page.title(), `Mail #${messageId} — Hatago Operator Console`);
    assert.deepEqual(trackerHits, [], 'nothing loaded from another site');
    assert.equal(await frame.locator('body').getAttribute('data-ran'), null, 'no script of the mail ran');
    assert.equal(await frame.locator('body').getAttribute('data-onerror'), null, 'no event handler ran');
    await context.close();
  });
});
