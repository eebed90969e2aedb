import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Browser, type Page } from 'playwright-core';
import { launchBrowser } from '@hatago/test-support/browser';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@hatago/embedded';
import { formatViolations, wcagViolations } from './support/axe.ts';

/*
 * The facility console's pages, through the edge, on a desktop and a phone, for a hotel's front
 * desk (facility-<hotel>) and a restaurant's (restaurant-<restaurant>), on a small lived-in demo
 * world so every list, grid and timeline has rows: axe-core's WCAG 2.2 A/AA rules with zero
 * violations allowed. Screenshots go to artifacts/screenshots/facility-<page>-<width>.png.
 */

const SCREENSHOTS = 'artifacts/screenshots';
const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];
const PASSWORD = 'hatago-demo-pass';

/**
 * The outermost elements reaching past the page's right edge, outside any region scrolling on its
 * own: what makes the page scroll sideways. A string, as the repository type-checks without the DOM's types.
 */
const WIDEST = `(() => {
  const edge = document.documentElement.clientWidth + 1;
  const past = (e) => e.getBoundingClientRect().right > edge;
  const scrolls = (e) => { for (let n = e.parentElement; n; n = n.parentElement) if (getComputedStyle(n).overflowX !== 'visible') return true; return false; };
  return [...document.querySelectorAll('body *')]
    .filter((e) => past(e) && !(e.parentElement && past(e.parentElement)) && !scrolls(e))
    .slice(0, 4)
    .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + (e.getAttribute('name') ? '[name=' + e.getAttribute('name') + ']' : ''));
})()`;

class Tour {
  readonly failures: string[] = [];
  constructor(private readonly page: Page, private readonly origin: string, private readonly width: number) {}

  async signIn(login: string): Promise<void> {
    await this.page.context().clearCookies();
    await this.page.goto(`${this.origin}/facility/login`);
    await this.page.fill('input[name="login"]', login);
    await this.page.fill('input[name="password"]', PASSWORD);
    await this.page.locator('main form button[type="submit"]').click();
    await this.page.waitForLoadState();
    assert.doesNotMatch(this.page.url(), /\/login/, `${login} signs in`);
  }

  async visit(name: string, path: string): Promise<void> {
    const response = await this.page.goto(`${this.origin}${path}`);
    // collected, not thrown: one run lists every page's problems
    if (response?.status() !== 200) this.failures.push(`${name} (${this.width}px) ${path}: answered ${response?.status()}`);
    // WCAG 1.4.10: on a phone the page never scrolls sideways; a wide table scrolls inside its own region
    const overflow = await this.page.evaluate<number>(`document.documentElement.scrollWidth - document.documentElement.clientWidth`);
    if (overflow > 0) {
      const wide = await this.page.evaluate<string[]>(WIDEST);
      this.failures.push(`${name} (${this.width}px) ${path}: the page scrolls sideways by ${overflow}px, past its edge: ${wide.join(', ')}`);
    }
    const violations = await wcagViolations(this.page);
    if (violations.length > 0) this.failures.push(`${name} (${this.width}px) ${path}:\n${formatViolations(violations)}`);
    await this.page.screenshot({ path: `${SCREENSHOTS}/facility-${name}-${this.width}.png`, fullPage: true });
  }
}

describe('every facility console page meets WCAG 2.2 AA (axe-core) in a real browser, through the edge', () => {
  let platform: EmbeddedPlatform;
  let browser: Browser;
  const pick = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(platform.database.db)).rows[0]!;

  before(async () => {
    platform = await startEmbeddedPlatform({
      port: 0,
      host: '127.0.0.1',
      seed: { hotelsPerArea: 1, restaurantsPerArea: 1, days: 30, livedIn: true },
      logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`has no violations at ${viewport.width}px`, async () => {
      const hotel = await pick(sql<{ id: number }>`select min(id) as id from hotels`);
      const stay = await pick(sql<{ code: string }>`select code from reservations where hotel_id = ${hotel.id} and status = 'checked_in' order by id limit 1`);
      const arrival = await pick(sql<{ code: string }>`select code from reservations where hotel_id = ${hotel.id} and status = 'confirmed' order by checkin, id limit 1`);
      const plan = await pick(sql<{ id: number }>`select rp.id from rate_plans rp join room_types rt on rt.id = rp.room_type_id where rt.hotel_id = ${hotel.id} order by rp.id limit 1`);
      const roomType = await pick(sql<{ id: number }>`select id from room_types where hotel_id = ${hotel.id} order by id limit 1`);
      // a request restaurant, so its waiting request is listed first
      const restaurant = await pick(sql<{ id: number }>`select id from restaurants order by booking_mode = 'request' desc, id limit 1`);
      const table = await pick(sql<{ code: string }>`select code from table_reservations where restaurant_id = ${restaurant.id} order by status = 'requested' desc, id limit 1`);
      const course = await pick(sql<{ id: number }>`select id from restaurant_courses where restaurant_id = ${restaurant.id} order by id limit 1`);

      const page = await browser.newPage({ locale: 'ja-JP', viewport });
      const tour = new Tour(page, platform.url, viewport.width);
      try {
        await tour.signIn(`facility-${hotel.id}`);
        await tour.visit('dashboard', '/facility/');
        await tour.visit('inventory', '/facility/inventory');
        await tour.visit('inventory-month', `/facility/inventory/${roomType.id}`);
        await tour.visit('reservations', '/facility/reservations');
        await tour.visit('reservation-in-house', `/facility/reservations/${stay.code}`);
        await tour.visit('reservation-arrival', `/facility/reservations/${arrival.code}`);
        await tour.visit('hotel', '/facility/hotel');
        await tour.visit('amenities', '/facility/hotel/amenities');
        await tour.visit('photos', '/facility/photos');
        await tour.visit('room-types', '/facility/room-types');
        await tour.visit('room-type', `/facility/room-types/${roomType.id}`);
        await tour.visit('plans', '/facility/plans');
        await tour.visit('plan', `/facility/plans/${plan.id}`);

        await tour.signIn(`restaurant-${restaurant.id}`);
        await tour.visit('restaurant', '/facility/restaurant');
        await tour.visit('restaurant-reservations', '/facility/restaurant/reservations');
        await tour.visit('restaurant-reservation', `/facility/restaurant/reservations/${table.code}`);
        await tour.visit('restaurant-day', '/facility/restaurant/day');
        await tour.visit('restaurant-seatings', '/facility/restaurant/seatings');
        await tour.visit('restaurant-capacity', '/facility/restaurant/capacity');
        await tour.visit('restaurant-courses', '/facility/restaurant/courses');
        await tour.visit('restaurant-course', `/facility/restaurant/courses/${course.id}`);
        await tour.visit('restaurant-photos', '/facility/restaurant/photos');
      } finally {
        await page.close();
      }
      assert.deepEqual(tour.failures, [], `WCAG 2.2 AA failures (axe-core):\n${tour.failures.join('\n\n')}`);
    });
  }
});
