import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { HttpApp } from '@hatago/platform/http';
import { againstEveryApp, type AppsUnderAttack, DEMO_PASSWORD, FORM, firstHotelId, form, signIn } from './support/apps-under-attack.ts';

/**
 * Finding 5 of issue 16: `Origin: null` and a missing Origin passed the cross-site check.
 * The attack is a forged sign-out, the one state change every cookie-signed-in site has;
 * a refused one must leave the session working.
 */
interface Site {
  name: string;
  app: HttpApp;
  signIn: () => Promise<string>;
  /** A private page holding a posting form (the sign-out button). */
  page: string;
  logout: string;
}

const sitesOf = async (apps: AppsUnderAttack): Promise<Site[]> => {
  const hotelId = await firstHotelId(apps);
  return [
    { name: 'guest', app: apps.guest, page: '/account/reservations', logout: '/logout', signIn: () => signIn(apps.guest, '/login', { email: 'member@example.com', password: DEMO_PASSWORD }) },
    { name: 'facility', app: apps.facility, page: '/facility/', logout: '/facility/logout', signIn: () => signIn(apps.facility, '/facility/login', { login: `facility-${hotelId}`, password: DEMO_PASSWORD }) },
    { name: 'operator', app: apps.operator, page: '/operator/reservations', logout: '/operator/logout', signIn: () => signIn(apps.operator, '/operator/login', { login: 'support', password: DEMO_PASSWORD }) },
  ];
};

const tokenIn = (page: string) => page.match(/<input type="hidden" name="_csrf" value="([^"]+)">/)?.[1];

againstEveryApp('finding 5: forged posts are refused without Origin too', (apps) => {
  const signedIn = async (site: Site, cookie: string) => (await site.app.inject({ url: site.page, headers: { cookie } })).statusCode === 200;
  const logout = (site: Site, cookie: string, headers: Record<string, string>, fields: Record<string, string> = {}) =>
    site.app.inject({ method: 'POST', url: site.logout, headers: { ...FORM, cookie, ...headers }, payload: form(fields) });

  it('refuses Origin: null, another Origin and another Referer, and the session survives', async () => {
    for (const site of await sitesOf(apps())) {
      const cookie = await site.signIn();
      for (const headers of <Array<Record<string, string>>>[{ origin: 'null' }, { origin: 'https://evil.example' }, { referer: 'https://evil.example/page' }, { origin: 'null', referer: 'http://localhost/' }]) {
        const response = await logout(site, cookie, headers);
        assert.equal(response.statusCode, 403, `${site.name} ${JSON.stringify(headers)}`);
        assert.ok(await signedIn(site, cookie), `${site.name} session survives ${JSON.stringify(headers)}`);
      }
    }
  });

  it('refuses a post with neither Origin nor Referer that lacks the session form token', async () => {
    for (const site of await sitesOf(apps())) {
      const cookie = await site.signIn();
      const other = tokenIn((await site.app.inject({ url: site.page, headers: { cookie: await site.signIn() } })).body);
      for (const fields of <Array<Record<string, string>>>[{}, { _csrf: 'forged' }, { _csrf: other! }]) {
        assert.equal((await logout(site, cookie, {}, fields)).statusCode, 403, `${site.name} ${JSON.stringify(fields)}`);
        assert.ok(await signedIn(site, cookie), `${site.name} session survives`);
      }
    }
  });

  it('accepts a same-site Referer, or the token its own private page carries', async () => {
    for (const site of await sitesOf(apps())) {
      const byReferer = await site.signIn();
      assert.equal((await logout(site, byReferer, { referer: `http://localhost${site.page}` })).statusCode, 303, `${site.name} by Referer`);
      assert.equal(await signedIn(site, byReferer), false);

      const byToken = await site.signIn();
      const page = await site.app.inject({ url: site.page, headers: { cookie: byToken } });
      assert.match(String(page.headers['cache-control']), /private|no-store/);
      const token = tokenIn(page.body);
      assert.ok(token, `${site.name}'s private page carries the form token`);
      assert.equal((await logout(site, byToken, {}, { _csrf: token })).statusCode, 303, `${site.name} by token`);
      assert.equal(await signedIn(site, byToken), false);
    }
  });

  it('never puts a form token into a page the edge may cache publicly', async () => {
    const [guest] = await sitesOf(apps());
    const cookie = await guest!.signIn();
    const hotelId = await firstHotelId(apps());
    for (const url of ['/', '/search?area=kyoto', `/hotels/${hotelId}`, '/reservations/lookup']) {
      const page = await apps().guest.inject({ url, headers: { cookie } });
      assert.match(String(page.headers['cache-control']), /public/, url);
      assert.equal(tokenIn(page.body), undefined, url);
    }
  });
});
