import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { bookStay, type Reservation } from '@hatago/booking';
import { futureDate, testBookingContext } from '@hatago/test-support';
import { againstEveryApp, DEMO_PASSWORD, firstHotelId, signIn } from './support/apps-under-attack.ts';
import { crawlCases } from './support/crawl-forms.ts';
import { valuesPerCase } from './support/field-classes.ts';
import { hostileHeaderValue, hostileString, seededRandom } from './support/fuzz-values.ts';
import { type FuzzCase, openApiCases } from './support/openapi-cases.ts';

/**
 * Random strings into every field of every route of the OpenAPI document and of every
 * form and link the apps render: no answer may be a 5xx. A failure names the seed;
 * FUZZ_SEED=<seed> npm test -- fuzz-routes replays it. Each class of fields (the same label
 * but for its numbers: a grid's cells) gets VALUES_PER_CLASS values spread over its fields,
 * every field at least one.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const VALUES_PER_CLASS = Number(process.env.FUZZ_VALUES_PER_CLASS ?? 8);

againstEveryApp('fuzzing every field of every route', (apps) => {
  let reservation: Reservation;
  const suites: Array<{ app: string; cases: FuzzCase[] }> = [];

  before(async () => {
    const { db, guest, facility, operator } = apps();
    const plan = await db.database.db.selectFrom('rate_plans').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    ({ reservation } = await bookStay(
      testBookingContext(db.database.db),
      { planId: plan.id, checkin: futureDate(20), nights: 1, guests: 1, rooms: 1, acceptTerms: true, guest: { name: 'Fuzz', nameLatin: 'Fuzz', email: 'fuzz@example.com', phone: '090-1111-2222' } },
      { idempotencyKey: 'security-fuzz-booking' },
    ));
    let key = 0;
    const known = {
      checkin: futureDate(14),
      email: 'fuzz@example.com',
      code: reservation.code,
      id: await firstHotelId(apps()),
      planId: plan.id,
      area: 'kyoto',
      'idempotency-key': () => `security-fuzz-${(key += 1)}`,
    };
    const document = (await guest.inject('/api/v1/openapi.json')).json();
    const member = await signIn(guest, '/login', { email: 'member@example.com', password: DEMO_PASSWORD });
    const staff = await signIn(facility, '/facility/login', { login: `facility-${known.id}`, password: DEMO_PASSWORD });
    const admin = await signIn(operator, '/operator/login', { login: 'admin', password: DEMO_PASSWORD });
    const restaurant = await db.database.db.selectFrom('restaurants').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const restaurantStaff = await signIn(facility, '/facility/login', { login: `restaurant-${restaurant.id}`, password: DEMO_PASSWORD });
    const stay = `checkin=${known.checkin}&nights=1&guests=1&rooms=1`;
    const formValues = { email: known.email, code: reservation.code, name: 'Fuzz Guest', nameLatin: 'Fuzz Guest', phone: '090-1111-2222', checkin: known.checkin };
    // the consoles first: the guest crawl submits the reservation's cancel form
    suites.push(
      { app: 'operator', cases: await crawlCases(operator, { start: ['/operator/login', '/operator/reservations', `/operator/reservations/${reservation.code}`], prefix: '/operator/', cookie: admin, maxPages: 30 }) },
      { app: 'facility', cases: await crawlCases(facility, { start: ['/facility/login', '/facility/'], prefix: '/facility/', cookie: staff, maxPages: 30 }) },
      { app: 'facility (restaurant)', cases: await crawlCases(facility, { start: ['/facility/restaurant'], prefix: '/facility/', cookie: restaurantStaff, maxPages: 30 }) },
      { app: 'guest API', cases: openApiCases(document, known) },
      {
        app: 'guest pages',
        cases: await crawlCases(guest, {
          start: ['/', `/search?area=kyoto&${stay}`, `/hotels/${known.id}?${stay}`, '/reservations/lookup', '/signup', '/login', '/password-reset', '/account/reservations'],
          prefix: '/',
          cookie: member,
          known: formValues,
          maxPages: 40,
        }),
      },
    );
  });

  // a guard against a hang, not a speed check: the crawl grows with every form (about 75 s on PGlite on an idle
  // machine at 2026-12-07, with the consoles' and account pages' new forms), and CI runs another test file beside it
  it(`answers no random input with a 5xx (seed ${SEED})`, { timeout: 300_000 }, async (t) => {
    const random = seededRandom(SEED);
    const failures: string[] = [];
    const { guest, facility, operator } = apps();
    const appOf = { 'guest API': guest, 'guest pages': guest, facility, 'facility (restaurant)': facility, operator };
    for (const { app, cases } of suites) {
      assert.ok(cases.length > 3, `${app}: the crawl found fields to fuzz`);
      const values = valuesPerCase(cases, VALUES_PER_CLASS);
      t.diagnostic(`${app}: ${cases.length} fields, ${[...values.values()].reduce((a, b) => a + b, 0)} values`);
      for (const fuzzCase of cases) {
        for (let i = 0; i < values.get(fuzzCase)!; i++) {
          const value = fuzzCase.inHeader ? hostileHeaderValue(random) : hostileString(random);
          const response = await appOf[app as keyof typeof appOf].inject(fuzzCase.request(value));
          if (response.statusCode >= 500) failures.push(`${app}: ${fuzzCase.label} = ${JSON.stringify(value).slice(0, 120)} → ${response.statusCode}`);
        }
      }
    }
    assert.deepEqual(failures, [], `5xx answers; replay with FUZZ_SEED=${SEED}`);
  });
});
