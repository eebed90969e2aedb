import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from '../logging/logger.ts';
import { createHttpApp } from './create-http-app.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('request scope', () => {
  it('a handler that runs after a body arrived in two parts still logs the request and trace ids', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    // a logger of its own, as a domain module has: it learns the ids only from the request's scope
    const deeper = createLogger('domain', 'info', destination);
    const app = createHttpApp({ service: 'test', logger: createLogger('test', 'warn', destination), readiness: async () => {}, errorPage: () => '' });
    let headersArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (headersArrived = resolve));
    app.addHook('onRequest', (_request, _reply, done) => {
      headersArrived();
      done();
    });
    app.post('/api/v1/echo', async (request) => {
      deeper.info('handled');
      return request.body;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as AddressInfo;
      const body = JSON.stringify({ words: 'x'.repeat(2000) });
      const request = http.request({
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/api/v1/echo',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'split-body-1', traceparent: `00-${TRACE}-00f067aa0ba902b7-00` },
      });
      request.flushHeaders();
      request.write(body.slice(0, 10));
      // the rest only once the server is in the request: its parser then delivers it from the socket's context
      await arrived;
      request.end(body.slice(10));
      const [response] = (await once(request, 'response')) as [http.IncomingMessage];
      response.resume();
      await once(response, 'end');
      assert.equal(response.statusCode, 200);
      const handled = lines.find((line) => line.msg === 'handled');
      assert.deepEqual([handled?.reqId, handled?.traceId], ['split-body-1', TRACE]);
    } finally {
      await app.close();
    }
  });
});
