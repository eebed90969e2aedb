import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import type { HttpApp } from '@hatago/platform/http';
import { againstEveryApp, firstHotelId } from './support/apps-under-attack.ts';

/** Finding 6 of issue 16: pages carried no security headers. */
const styleHash = (page: string) => {
  const style = page.match(/<style>([\s\S]*?)<\/style>/)?.[1];
  return style === undefined ? undefined : `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
};

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

function assertProtected(response: { headers: Record<string, unknown>; body: string }, what: string) {
  const policy = String(response.headers['content-security-policy'] ?? '');
  assert.ok(policy, `${what} has a Content-Security-Policy`);
  const csp = directives(policy);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], what);
  assert.ok(!(csp.get('script-src') ?? csp.get('default-src') ?? []).includes("'unsafe-inline'"), `${what} runs no inline script`);
  assert.ok(!(csp.get('style-src') ?? []).includes("'unsafe-inline'"), `${what} allows no inline style attributes`);
  assert.equal(response.headers['x-frame-options'], 'DENY', what);
  assert.equal(response.headers['x-content-type-options'], 'nosniff', what);
  assert.match(String(response.headers['permissions-policy']), /camera=\(\)/, what);
  assert.equal(response.headers['strict-transport-security'], undefined, `${what}: no HSTS over plain http`);
  const hash = styleHash(response.body);
  if (hash) assert.ok(csp.get('style-src')?.includes(hash), `${what}: the page's own style block is allowed, so it looks as before`);
}

againstEveryApp('finding 6: every app sends the security headers', (apps) => {
  const pagesOf = async (): Promise<Array<[HttpApp, string]>> => {
    const { guest, facility, operator, mailer } = apps();
    return [
      [guest, '/'],
      [guest, `/hotels/${await firstHotelId(apps())}`],
      [guest, '/login'],
      [guest, '/no-such-page'],
      [guest, '/api/v1/areas'],
      [guest, '/api/v1/reservations/NOPE?email=a@example.com'],
      [facility, '/facility/login'],
      [facility, '/facility/no-such-page'],
      [operator, '/operator/login'],
      [operator, '/operator/no-such-page'],
      [mailer, '/healthz'],
      [mailer, '/no-such-endpoint'],
    ];
  };

  it('sets CSP, frame denial, nosniff and Permissions-Policy on pages, errors and JSON of every app', async () => {
    for (const [app, url] of await pagesOf()) assertProtected(await app.inject(url), url);
  });

  it('adds HSTS only when the request arrived over https', async () => {
    for (const [app, url] of await pagesOf()) {
      const overHttps = await app.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
      assert.match(String(overHttps.headers['strict-transport-security']), /max-age=\d{7,}/, url);
    }
  });
});
