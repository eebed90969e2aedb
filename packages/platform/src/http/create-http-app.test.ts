import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { DomainError } from '../errors/domain-error.ts';
import { defineErrorCodes } from '../errors/error-codes.ts';
import { createLogger } from '../logging/logger.ts';
import { createHttpApp } from './create-http-app.ts';

const TestErrors = defineErrorCodes('SOLD_OUT');

function appWithCapturedLogs(readiness: () => Promise<void> = async () => {}) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = createHttpApp({
    service: 'test',
    logger: createLogger('test', 'info', stream),
    readiness,
    errorPage: (p) => `<p>error ${p.status} ${p.requestId}</p>`,
    metricsToken: 'scraper-token-0123',
  });
  app.get('/boom', async () => {
    throw new Error('secret internal detail');
  });
  app.get('/api/v1/conflict', async () => {
    throw new DomainError('conflict', TestErrors.SOLD_OUT, 'Gone');
  });
  app.get('/api/v1/hello', async (request) => {
    request.log.info('handling hello');
    return { ok: true };
  });
  return { app, lines };
}

describe('http app contracts', () => {
  it('echoes a well-formed request id and puts it on every log line of the request', async () => {
    const { app, lines } = appWithCapturedLogs();
    const res = await app.inject({ url: '/api/v1/hello', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(res.headers['x-request-id'], 'abc-123');
    const requestLines = lines.filter((l) => l.req || l.res || l.msg === 'handling hello');
    assert.ok(requestLines.length >= 3);
    for (const line of requestLines) assert.equal(line.reqId, 'abc-123');
    const malformed = await app.inject({ url: '/api/v1/hello', headers: { 'x-request-id': 'bad id with spaces' } });
    assert.notEqual(malformed.headers['x-request-id'], 'bad id with spaces');
  });

  it('keeps email addresses in query strings out of the logs', async () => {
    const { app, lines } = appWithCapturedLogs();
    await app.inject({ url: '/api/v1/hello?email=guest%40example.com&x=1' });
    const logged = JSON.stringify(lines);
    assert.doesNotMatch(logged, /guest(%40|@)example/);
    assert.ok(lines.some((l) => (l.req as { url?: string } | undefined)?.url === '/api/v1/hello?email=[redacted]&x=1'));
  });

  it('maps domain errors to problem+json and hides internals of unexpected ones', async () => {
    const { app } = appWithCapturedLogs();
    const conflict = await app.inject({ url: '/api/v1/conflict' });
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.headers['cache-control'], 'no-store');
    assert.equal(conflict.json().code, 'SOLD_OUT');
    const boom = await app.inject({ url: '/boom', headers: { 'x-request-id': 'r-500' } });
    assert.equal(boom.statusCode, 500);
    assert.equal(boom.headers['content-type'], 'text/html; charset=utf-8');
    assert.doesNotMatch(boom.body, /secret internal detail/);
    assert.match(boom.body, /r-500/);
    const missing = await app.inject({ url: '/api/v1/nothing-here' });
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type']), /problem\+json/);
  });

  it('reports health always, readiness only while dependencies answer and before draining', async () => {
    let databaseUp = true;
    const { app } = appWithCapturedLogs(async () => {
      if (!databaseUp) throw new Error('connection refused');
    });
    assert.equal((await app.inject({ url: '/readyz' })).statusCode, 200);
    databaseUp = false;
    assert.equal((await app.inject({ url: '/readyz' })).statusCode, 503);
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
    databaseUp = true;
    app.startDraining();
    const draining = await app.inject({ url: '/readyz' });
    assert.equal(draining.statusCode, 503);
    assert.equal(draining.json().status, 'draining');
    assert.equal((await app.inject({ url: '/api/v1/hello' })).statusCode, 200, 'in-flight and late requests still served');
  });

  it('exposes Prometheus metrics by route template to a scraper with the token only', async () => {
    const { app } = appWithCapturedLogs();
    await app.inject({ url: '/api/v1/hello' });
    const metrics = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer scraper-token-0123' } });
    assert.match(metrics.body, /http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/hello"[^}]*\} 1/);
    for (const authorization of [undefined, 'Bearer wrong', 'scraper-token-0123']) {
      const refused = await app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      assert.equal(refused.statusCode, 401, String(authorization));
      assert.equal(refused.body, '');
    }
  });

  it('serves no metrics without a token', async () => {
    const app = createHttpApp({ service: 'test', logger: createLogger('test', 'silent'), readiness: async () => {}, errorPage: () => 'error' });
    assert.equal((await app.inject({ url: '/metrics' })).statusCode, 404);
  });
});
