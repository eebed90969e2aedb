import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { launchBrowser, waitInPage } from '@hatago/test-support/browser';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@hatago/embedded';
import { sql } from 'kysely';
import { futureDate } from '@hatago/test-support';
import { formatViolations, wcagViolations } from './support/axe.ts';

/*
 * Every guest page, through the edge (the photo-grid preview from the guest app itself), in Japanese and English, on a desktop and a phone, checked by
 * axe-core against WCAG 2.2 A/AA with zero violations allowed. Each page's full-page screenshot is
 * written to artifacts/screenshots/<page>-<lang>-<width>.png (git-ignored, the run's artefact folder).
 * One tour per language loads each page once and checks it at both widths, resizing the tab: the
 * guest pages lay out by CSS alone (no script reads the width), so a resized page is the page a
 * phone loads, and walking every flow once per width doubled the run for nothing.
 */

const SCREENSHOTS = 'artifacts/screenshots';
const LANGS = ['ja', 'en'] as const;
const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];
// the demo world's flag: the photo-grid design, released to nobody, open to `?preview=new-search`
const GRID_PREVIEW = 'new-search';
const STAY = `checkin=${futureDate(3)}&nights=2&guests=2&rooms=1`;
const TABLE = `date=${futureDate(4)}&time=19:00&party=2`;

type Lang = (typeof LANGS)[number];

interface Focused { name: string; ringed: boolean }
/**
 * The focused control and whether a ring is drawn on it or on one of its near ancestors (a card around
 * a stretched link); null on the body. A string, as the repository type-checks without the DOM's types.
 */
const FOCUSED = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // focus inside a field's own browser-drawn parts (the date field's picker button), which Chromium rings itself
  if (!element.matches(':focus')) return { name: '', ringed: true };
  let ringed = false;
  for (let node = element, depth = 0; node && depth <= 3 && !ringed; node = node.parentElement, depth++) {
    const style = getComputedStyle(node);
    ringed = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  }
  const text = (element.textContent || '').trim().slice(0, 30) || element.getAttribute('name') || '';
  return { name: element.tagName.toLowerCase() + ' "' + text + '"', ringed };
})()`;

/** Walks the guest pages in one tab, collecting each page's violations so one failure lists them all. */
class Tour {
  readonly failures: string[] = [];
  constructor(private readonly page: Page, private readonly origin: string, private readonly lang: Lang) {}

  /** The address as the guest sees it: Japanese bare, English chosen by ?lang=en. */
  url(path: string, origin = this.origin): string {
    if (this.lang === 'ja') return `${origin}${path}`;
    return `${origin}${path}${path.includes('?') ? '&' : '?'}lang=en`;
  }

  async visit(name: string, path: string, { status: expectedStatus = 200, origin = this.origin, lang = this.lang } = {}): Promise<void> {
    const response = await this.page.goto(this.url(path, origin));
    assert.equal(response?.status(), expectedStatus, `${name}: ${path}`);
    await this.check(name, lang);
  }

  /**
   * Checks the page the tab is on now, written in `lang`, at each width; the tab stays at the last
   * one, so the tour's next click is a phone's, as every click was once a desktop's and a phone's.
   */
  async check(name: string, lang: string = this.lang): Promise<void> {
    assert.equal(await this.page.locator('html').getAttribute('lang'), lang, `${name} declares the language it is written in`);
    for (const viewport of VIEWPORTS) {
      await this.page.setViewportSize(viewport);
      // as the page was loaded: nothing focused (the last width's tabbing), scrolled to the top
      await this.page.evaluate(`document.activeElement?.blur(); window.scrollTo(0, 0)`);
      const violations = await wcagViolations(this.page);
      if (violations.length > 0) this.failures.push(`${name} (${this.lang}, ${viewport.width}px):\n${formatViolations(violations)}`);
      const unseen = await this.focusWithoutRing();
      if (unseen.length > 0) this.failures.push(`${name} (${this.lang}, ${viewport.width}px): focus not visible (WCAG 2.4.7) on ${unseen.join(', ')}`);
      await this.page.screenshot({ path: `${SCREENSHOTS}/${name}-${this.lang}-${viewport.width}.png`, fullPage: true });
    }
  }

  /**
   * Tabs through the page's first stops (axe cannot see focus) and names each control the keyboard
   * reaches with no ring drawn on it or on the card around it (a stretched link shows focus on its card).
   */
  async focusWithoutRing(stops = 25): Promise<string[]> {
    const unseen: string[] = [];
    await this.page.locator('body').focus();
    for (let i = 0; i < stops; i++) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate<Focused | null>(FOCUSED);
      if (!focused) break;
      if (!focused.ringed) unseen.push(focused.name);
    }
    return unseen;
  }

  async follow(name: string, selector: string): Promise<void> {
    // the click returns once the navigation it started has committed
    await this.page.locator(selector).first().click();
    await this.page.waitForLoadState();
    await this.check(name);
  }
}

/** A plan that takes a card guarantee (the demo's suites' kaiseki plans; one is made so when this small world has none). */
async function guaranteedPlanId(platform: EmbeddedPlatform): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    update rate_plans set guarantee_required = true
    where id = (select id from rate_plans where active order by guarantee_required desc, id limit 1) returning id`.execute(platform.database.db);
  return rows[0]!.id;
}

/**
 * The stay booking form of a plan taking a card guarantee: every field filled (a child, an
 * arrival time, requests, consent) with the sandbox's declined card, its confirm page, and the
 * form sent back with the decline on the card's field.
 */
async function tourStayBooking(page: Page, tour: Tour, planId: number): Promise<void> {
  await tour.visit('booking-form-card', `/book?planId=${planId}&${STAY}`);
  await page.fill('input[name="name"]', '山田 太郎');
  await page.fill('input[name="nameLatin"]', 'Taro Yamada');
  await page.fill('input[name="email"]', 'guest@example.com');
  await page.fill('input[name="phone"]', '090-1234-5678');
  await page.selectOption('select[name="adults"]', '1');
  await page.selectOption('select[name="children"]', '1');
  await page.selectOption('select[name="arrivalTime"]', { index: 2 });
  await page.fill('textarea[name="requests"]', 'ベビーベッドをお願いします');
  await page.fill('input[name="cardNumber"]', '4000 0000 0000 0002');
  await page.fill('input[name="cardExpiry"]', '12/39');
  await page.fill('input[name="cardCvc"]', '123');
  await page.check('input[name="acceptTerms"]');
  await tour.follow('booking-confirm-card', 'main form.stack button[type="submit"]');
  assert.equal(await page.locator('[data-testid="confirm-booking"]').count(), 1, 'the details reach the confirm page');
  await tour.follow('booking-form-declined', '[data-testid="confirm-booking"]');
  assert.equal(await page.locator('input[name="cardNumber"][aria-invalid="true"]').count(), 1, 'the decline is marked on the card field');
}

const MEMBER = { email: 'member@example.com', password: 'hatago-demo-pass', name: '一休 花子' };

/**
 * The demo member's pages: the header of a shared page once its script has asked who is signed in,
 * every account page (with a form sent back with its errors), and the booking form offering a saved guest.
 */
async function tourSignedIn(page: Page, tour: Tour, bookingForm: string): Promise<void> {
  await page.goto(tour.url('/login'));
  await page.fill('input[name="email"]', MEMBER.email);
  await page.fill('input[name="password"]', MEMBER.password);
  await tour.follow('account-reservations', 'main form button[type="submit"]');
  assert.match(page.url(), /\/account\/reservations/);

  await page.goto(tour.url('/'));
  await waitInPage(page, `document.querySelector('a[data-account-link="member"]') !== null`);
  assert.ok((await page.locator('a[data-account-link="member"]').innerText()).includes(MEMBER.name), 'the shared page names the member in the browser only');
  await tour.check('home-signed-in');

  await tour.visit('account-profile', '/account/profile');
  await page.fill('main form.stack input[name="phone"]', 'x');
  await tour.follow('account-profile-errors', 'main form.stack button[type="submit"]');
  assert.ok((await page.locator('[aria-invalid="true"]').count()) >= 1, 'the errors are marked on their fields');
  await tour.visit('account-password', '/account/password');
  await tour.visit('account-email', '/account/email');
  // an address the browser lets through but the site refuses (no dot in its domain): refused before the password is tried
  await page.fill('main form.stack input[name="email"]', 'not-an-address@example');
  await page.fill('main form.stack input[name="currentPassword"]', 'not the password');
  await tour.follow('account-email-errors', 'main form.stack button[type="submit"]');
  assert.equal(await page.locator('input[name="email"][aria-invalid="true"]').count(), 1, 'the error is marked on its field');

  await tour.visit('account-saved-guests', '/account/guests');
  await page.fill('main form.stack input[name="name"]', '佐藤 次郎');
  await page.fill('main form.stack input[name="nameLatin"]', 'Jiro Sato');
  await page.fill('main form.stack input[name="phone"]', 'x');
  await tour.follow('account-saved-guests-errors', 'main form.stack button[type="submit"]');
  await page.fill('main form.stack input[name="phone"]', '090-5555-6666');
  await tour.follow('account-saved-guests-added', 'main form.stack button[type="submit"]');
  assert.ok((await page.locator('[data-testid="saved-guest"]').count()) >= 1, 'the guest is saved');
  await tour.follow('account-saved-guest-edit', '[data-testid="saved-guest"] a');

  await page.goto(bookingForm);
  assert.equal(await page.locator('[data-testid="saved-guest-picker"]').count(), 1, 'the booking form offers the saved guests');
  await tour.check('booking-form-signed-in');
}

describe('every guest page meets WCAG 2.2 AA (axe-core) in a real browser, through the edge', () => {
  let platform: EmbeddedPlatform;
  let browser: Browser;

  before(async () => {
    platform = await startEmbeddedPlatform({ port: 0, host: '127.0.0.1', seed: { hotelsPerArea: 1, restaurantsPerArea: 1, days: 10 }, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  for (const lang of LANGS) {
    it(`has no violations in ${lang} at ${VIEWPORTS.map((v) => `${v.width}px`).join(' and ')}`, async () => {
      const page = await browser.newPage({ locale: lang === 'ja' ? 'ja-JP' : 'en-US', viewport: VIEWPORTS[0] });
      const tour = new Tour(page, platform.url, lang);
      try {
        await tour.visit('home', '/');
        // the guest app's own address, as in search-grid.browser.test.ts: in front of it the edge decides the design itself
        await tour.visit('search-grid', `/search?area=kyoto&${STAY}&preview=${GRID_PREVIEW}`, { origin: platform.services.guest });
        assert.equal(await page.locator('[data-design]').getAttribute('data-design'), 'grid');
        await tour.visit('search', `/search?area=kyoto&${STAY}`);
        assert.ok((await page.locator('[data-testid="hotel-result"]').count()) >= 1, 'the search finds hotels');
        // the filter panel is a plain form: tick, apply, and the page comes back filtered with the box still ticked
        await page.locator('form.filters input[name="stars"][value="5"]').check();
        await page.locator('form.filters input[name="amenities"][value="restaurant"]').check();
        await tour.follow('search-filtered', 'form.filters button[type="submit"]');
        assert.match(page.url(), /stars=5.*amenities=restaurant|amenities=restaurant.*stars=5/);
        assert.ok(await page.locator('form.filters input[name="stars"][value="5"]').isChecked(), 'the chosen filter stays ticked');
        assert.ok((await page.locator('[data-testid="hotel-result"] .amenity-tags li').count()) >= 1, 'each card shows its amenities');
        await page.locator('form.sort-form select[name="sort"]').selectOption('price_desc');
        await tour.follow('search-sorted', 'form.sort-form button[type="submit"]');
        assert.match(page.url(), /sort=price_desc/);
        assert.ok(await page.locator('form.filters input[name="amenities"][value="restaurant"]').isChecked(), 'sorting keeps the filters');
        await tour.visit('search-filter-errors', `/search?area=kyoto&${STAY}&minPrice=abc&stars=9`);
        assert.equal(await page.locator('.alert[role="alert"]').count(), 1, 'filters left out are announced');
        await tour.visit('search', `/search?area=kyoto&${STAY}`);
        await tour.follow('hotel', '[data-testid="hotel-result"] a');
        await tour.follow('booking-form', '[data-testid="book-plan"]');
        assert.equal(await page.locator('input[name="email"]').count(), 1, 'the booking form asks for the guest');
        const bookingForm = page.url();
        await tourStayBooking(page, tour, await guaranteedPlanId(platform));
        await tour.visit('restaurant-search', `/restaurants?area=kyoto&${TABLE}`);
        assert.ok((await page.locator('[data-testid="restaurant-result"]').count()) >= 1, 'the search finds restaurants');
        await tour.follow('restaurant', '[data-testid="restaurant-result"] h2 a');
        await tour.visit('login', '/login');
        await tour.visit('signup', '/signup');
        // a form sent back with its errors: each message must reach the field it belongs to
        await page.fill('input[name="name"]', '山田 太郎');
        await page.fill('input[name="nameLatin"]', 'Taro Yamada');
        await page.fill('input[name="email"]', 'not-an-address@example');
        await page.fill('input[name="phone"]', '090-1234-5678');
        await page.fill('input[name="password"]', 'short');
        await tour.follow('signup-errors', 'main form button[type="submit"]');
        assert.ok((await page.locator('[aria-invalid="true"]').count()) >= 1, 'the errors are marked on their fields');
        await tour.visit('terms', '/terms');
        await tour.visit('privacy', '/privacy');
        await tour.visit('reservation-lookup', '/reservations/lookup');
        await page.fill('input[name="code"]', 'HT0000000000');
        await page.fill('input[name="email"]', 'nobody@example.com');
        await tour.follow('reservation-lookup-unknown', 'main form button[type="submit"]');
        await tour.visit('not-found', '/hotels/999999', { status: 404 });
        // no route at all: the guest site's error page, in the tour's language too
        await tour.visit('no-route', '/no-such-page', { status: 404 });
        await tourSignedIn(page, tour, bookingForm);
      } finally {
        await page.close();
      }
      assert.deepEqual(tour.failures, [], `WCAG 2.2 AA failures (axe-core, and keyboard focus):\n${tour.failures.join('\n\n')}`);
    });
  }
});
