import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// the test machines have no outside network: keep Chromium from reaching for it
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The system's Chromium, headless, as every browser test drives it. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Waits until `condition` (JavaScript source of an expression over the page) is truthy.
 *
 * Playwright evaluates a string predicate again with `eval` on every poll, which our pages'
 * CSP (`script-src 'self'`) refuses once the first check is false. A function it evaluates
 * once, in the CSP-exempt first call, and calls on every later poll; the condition is
 * compiled into one here because the tests compile without DOM types.
 */
export async function waitInPage(page: Page, condition: string, options: { timeout?: number } = {}): Promise<void> {
  await page.waitForFunction(new Function(`return (${condition});`) as () => unknown, undefined, options);
}
