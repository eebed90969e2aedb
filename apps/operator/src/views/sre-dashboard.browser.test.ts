import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { launchBrowser, waitInPage } from '@hatago/test-support/browser';
import { Histogram, Registry } from 'prom-client';
import type { HttpApp } from '@hatago/platform/http';
import { platformTemplates } from '@hatago/runtime';
import { SreMonitor } from '@hatago/slo';
import { createTestDatabase, staffSessionCookie, type TestDatabase, testAppDeps, testDatabaseTargets } from '@hatago/test-support';
import { HTTP_LATENCY_BUCKETS, slo } from '../../../../config/slo.ts';
import { buildOperatorApp } from '../operator-app.ts';


describe('/operator/sre in a real browser', () => {
  let db: TestDatabase;
  let app: HttpApp;
  let browser: Browser;
  let origin: string;
  const guest = new Registry();
  const http = new Histogram({ name: 'http_request_duration_seconds', help: 'h', labelNames: ['method', 'route', 'status'], buckets: HTTP_LATENCY_BUCKETS, registers: [guest] });
  const monitor = new SreMonitor({ slos: slo, sources: { services: [{ name: 'guest', registries: [guest] }] }, onAlert: () => undefined, sampleEveryMs: 10_000 });

  before(async () => {
    // twenty minutes of traffic, sampled by hand: the charts have points to draw
    const start = Date.now() - 20 * 60_000;
    for (let i = 0; i <= 120; i++) {
      for (let r = 0; r < 50; r++) http.observe({ method: 'GET', route: '/search', status: '200' }, 0.02 + (r % 10) * 0.03);
      if (i % 10 === 0) http.observe({ method: 'GET', route: '/search', status: '500' }, 0.1);
      // the last two and a half minutes, a third of the searches fail: the fast burn fires
      if (i > 105) for (let e = 0; e < 25; e++) http.observe({ method: 'GET', route: '/search', status: '500' }, 0.1);
      await monitor.sample(start + i * 10_000);
    }
    db = await createTestDatabase(testDatabaseTargets()[0]!, { seed: { hotelsPerArea: 1, days: 7 } });
    app = await buildOperatorApp({ ...testAppDeps(db.database), mailTemplates: platformTemplates, sre: monitor });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await db?.dispose();
  });

  it('draws the charts with uPlot served by the app under its CSP, from the JSON it polls, loading nothing from elsewhere', async () => {
    const [name, value] = (await staffSessionCookie(app, '/operator', 'support')).split('=') as [string, string];
    const context = await browser.newContext();
    await context.addCookies([{ name, value, url: origin }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
    // a browser asks for /favicon.ico on its own; every asset the page names must load
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`));
    page.on('pageerror', (e) => problems.push(e.message));
    const offsite: string[] = [];
    page.on('request', (r) => !r.url().startsWith(origin) && offsite.push(r.url()));
    const response = await page.goto(`${origin}/operator/sre`);
    assert.equal(response!.status(), 200);
    assert.match(response!.headers()['content-security-policy']!, /script-src 'self'/);
    await waitInPage(page, "document.querySelectorAll('.charts canvas').length === 5", { timeout: 15_000 });
    const sli = await page.locator('tr[data-slo="search-availability"] [data-field="sli"]').textContent();
    assert.match(sli!, /^9\d\.\d{3} %$/);
    // the alert list (server-rendered, then rebuilt by the script from the JSON) links each alert to a prefilled incident
    const alert = page.locator('#alerts li', { hasText: 'SloErrorBudgetBurnFast' });
    assert.match((await alert.textContent())!, /search-availability: error budget burning 14\.4× too fast/);
    assert.match((await alert.locator('a').getAttribute('href'))!, /^\/operator\/incidents\/new\?alert=SloErrorBudgetBurnFast%2Fsearch-availability&since=\d+$/);
    assert.deepEqual(problems, []);
    assert.deepEqual(offsite, [], 'nothing from a CDN');
    await context.close();
  });
});
