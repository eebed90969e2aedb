import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, waitInPage } from './browser.ts';

// A page as strict as ours (no eval), whose condition turns true only after a while.
const PAGE = '<!doctype html><title>t</title><p id="state">waiting</p><script src="/late.js"></script>';
const LATE = "setTimeout(() => { document.getElementById('state').textContent = 'ready'; }, 200);";

describe('waitInPage', () => {
  let server: Server;
  let browser: Browser;
  before(async () => {
    server = createServer((request, response) => {
      response.setHeader('content-security-policy', "default-src 'none'; script-src 'self'");
      if (request.url === '/late.js') response.setHeader('content-type', 'text/javascript').end(LATE);
      else response.setHeader('content-type', 'text/html').end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('waits past a first false check on a page whose CSP forbids eval', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await waitInPage(page, "document.getElementById('state').textContent === 'ready'");
    assert.equal(await page.locator('#state').textContent(), 'ready');
  });
});
