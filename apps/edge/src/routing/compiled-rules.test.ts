import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import hatagoRules from '../../../../config/edge.ts';
import { compileMatch, compileRules, redirectFor, routeFor } from './compiled-rules.ts';
import { RequestView } from './request-view.ts';

const view = (method: string, url: string, headers: Record<string, string> = {}) => RequestView.of(method, url, { host: 'hatago.example', ...headers });

describe('compiled matches', () => {
  it('matches on host, method, header, cookie and query parameter, every condition at once', () => {
    const match = compileMatch({
      host: 'hatago.example',
      methods: ['GET'],
      header: { name: 'X-Beta', equals: 'on' },
      cookie: { name: 'plan', pattern: '^(gold|silver)$' },
      query: { name: 'preview' },
    });
    const headers = { 'x-beta': 'on', cookie: 'a=1; plan=gold' };
    assert.equal(match(view('GET', '/x?preview=', headers)), true);
    assert.equal(match(view('GET', '/x?preview=1', { ...headers, host: 'HATAGO.example:8080' })), true, 'host is case-insensitive, port ignored');
    assert.equal(match(view('POST', '/x?preview=1', headers)), false, 'method');
    assert.equal(match(view('GET', '/x?preview=1', { ...headers, host: 'other.example' })), false, 'host');
    assert.equal(match(view('GET', '/x?preview=1', { ...headers, 'x-beta': 'off' })), false, 'header value');
    assert.equal(match(view('GET', '/x?preview=1', { ...headers, cookie: 'plan=bronze' })), false, 'cookie pattern');
    assert.equal(match(view('GET', '/x?other=1', headers)), false, 'query parameter present');
  });

  it("routes Hatago's paths to the intended rules", () => {
    const rules = compileRules(hatagoRules);
    const cases: Array<[string, string, string]> = [
      ['GET', '/', 'home'],
      ['GET', '/search?area=kyoto', 'search'],
      ['POST', '/search', 'guest-other'],
      ['GET', '/hotels/12', 'hotel-page'],
      ['GET', '/hotels/12/x', 'guest-other'],
      ['GET', '/restaurants?area=kyoto&party=2', 'restaurant-search'],
      ['GET', '/restaurants/5?date=2027-01-15', 'restaurant-page'],
      ['GET', '/book/table?restaurantId=5', 'guest-personal'],
      ['GET', '/account/reservations/HT1', 'guest-personal'],
      ['GET', '/account/status', 'guest-personal'],
      ['GET', '/assets/account-status.js', 'guest-scripts'],
      ['GET', '/assets/account-status.js/x', 'guest-other'],
      ['POST', '/book/confirm', 'guest-personal'],
      ['GET', '/api/v1/hotels?area=kyoto', 'api-hotel-search'],
      ['GET', '/api/v1/hotels/3', 'api-hotel'],
      ['GET', '/api/v1/restaurants?area=kyoto&party=2', 'api-restaurant-search'],
      ['GET', '/api/v1/restaurants/3', 'api-restaurant'],
      ['GET', '/api/v1/restaurants/3/x', 'api-other'],
      ['POST', '/api/v1/restaurant-reservations', 'api-other'],
      ['GET', '/api/v1/reservations/HT1?email=a@b.c', 'api-reservations'],
      ['GET', '/api/v1/areas', 'api-areas'],
      ['GET', '/facility/inventory', 'facility'],
      ['POST', '/webhooks/sendgrid', 'webhooks'],
    ];
    for (const [method, url, route] of cases) assert.equal(routeFor(rules, view(method, url))?.name, route, `${method} ${url}`);
    assert.equal(routeFor(rules, view('GET', '/book'))?.name, 'guest-personal', 'the maintenance route is disabled');
    assert.equal(redirectFor(rules, view('GET', '/hotel/7/?x=1'))?.location(view('GET', '/hotel/7/?x=1')), '/hotels/7?x=1');
  });

  it("counts every booking and cancellation of Hatago's API, hotel and restaurant alike, against one per-client limit", () => {
    const bookings = compileRules(hatagoRules).rateLimits.find((limit) => limit.rule.name === 'bookings')!;
    const counted: Array<[string, string, boolean]> = [
      ['POST', '/api/v1/reservations', true],
      ['POST', '/api/v1/reservations/HT1/cancel', true],
      ['POST', '/api/v1/restaurant-reservations', true],
      ['POST', '/api/v1/reservations/RS1/cancel', true],
      ['GET', '/api/v1/restaurant-reservations', false],
      ['POST', '/api/v1/restaurants', false],
      ['POST', '/api/v1/reservationsx', false],
    ];
    for (const [method, url, expected] of counted) assert.equal(bookings.matches(view(method, url)), expected, `${method} ${url}`);
  });
});
