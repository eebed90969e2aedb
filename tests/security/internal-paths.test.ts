import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { createEdgeServer, type EdgeServer } from '@hatago/edge';
import { createLogger } from '@hatago/platform/logging';
import { METRICS_AUTH } from '@hatago/test-support';
import hatagoRules from '../../config/edge.ts';
import { againstEveryApp } from './support/apps-under-attack.ts';

/**
 * Finding 3 of issue 16: the guest app's /metrics (Node version, memory, requests per
 * route, so booking volume) was public through the edge. Now the edge refuses the apps'
 * internal paths for every backend in any spelling an app still routes, and the apps
 * serve metrics only to a scraper bearing METRICS_TOKEN.
 */
const INTERNAL = ['metrics', 'healthz', 'readyz', 'internal', 'internal/flags'];
const spellings = (name: string) => [
  `/${name}`,
  `/${name}?x=1`,
  `/${name}/`,
  `/${name[0]!.toUpperCase()}${name.slice(1)}`,
  `/${name.toUpperCase()}`,
  `/%${name.charCodeAt(0).toString(16).toUpperCase()}${name.slice(1)}`,
  `/%${name.charCodeAt(0).toString(16)}${name.slice(1)}`,
  `/./${name}`,
  `//${name}`,
  `/hotels/../${name}`,
  `/${name};x`,
];
// one path into each backend the rules route to
const PREFIXES = ['', '/facility', '/operator', '/webhooks', '/api/v1', '/book', '/reservations'];

/** GET with the path sent byte for byte (fetch would resolve dot segments first). */
const rawGet = (base: string, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const request = http.request({ hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject).end();
  });

againstEveryApp('finding 3: metrics and probes stay internal', (apps) => {
  let edge: EdgeServer;
  let edgeUrl = '';

  before(async () => {
    const { guest, facility, operator, mailer } = apps();
    const urlOf = async (app: typeof guest) => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    };
    const [guestUrl, facilityUrl, operatorUrl, mailerUrl] = await Promise.all([guest, facility, operator, mailer].map(urlOf));
    edge = createEdgeServer({
      rules: hatagoRules,
      instances: { guest: [guestUrl!], 'guest-canary': [guestUrl!], facility: [facilityUrl!], operator: [operatorUrl!], mailer: [mailerUrl!] },
      logger: createLogger('edge-test', 'silent'),
      accessLog: false,
      probes: false,
    });
    await new Promise<void>((resolve) => edge.server.listen(0, '127.0.0.1', resolve));
    edgeUrl = `http://127.0.0.1:${(edge.server.address() as AddressInfo).port}`;
  });
  after(() => edge?.close());

  it('the edge forwards no probe or metrics path to any app, however it is spelled', async () => {
    assert.equal((await rawGet(edgeUrl, '/hotels/1')).status < 500, true, 'the edge reaches the apps');
    for (const prefix of PREFIXES) {
      for (const path of INTERNAL.flatMap(spellings)) {
        const { status, body } = await rawGet(edgeUrl, `${prefix}${path}`);
        assert.equal(status, 404, `${prefix}${path}`);
        assert.doesNotMatch(body, /process_cpu|nodejs_version|http_request_duration|"status":"(ok|ready)"|"environment"/, `${prefix}${path}`);
      }
    }
  });

  it('every app serves its metrics only to a scraper bearing the token', async () => {
    const { guest, facility, operator, mailer } = apps();
    for (const app of [guest, facility, operator, mailer]) {
      for (const authorization of [undefined, 'Bearer not-the-token', METRICS_AUTH.authorization.replace('Bearer ', 'Basic ')]) {
        const refused = await app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
        assert.equal(refused.statusCode, 401, String(authorization));
        assert.equal(refused.body, '');
      }
      const scraped = await app.inject({ url: '/metrics', headers: METRICS_AUTH });
      assert.equal(scraped.statusCode, 200);
      assert.match(scraped.body, /http_request_duration_seconds/);
    }
  });
});
