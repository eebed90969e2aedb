import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createEdgeServer } from '@hatago/edge';
import { defineEdgeRules } from '@hatago/edge-rules';
import { createLogger } from '@hatago/platform/logging';
import hatagoRules from '../../config/edge.ts';

/**
 * Hygiene item of issue 16: behind a TLS-terminating balancer cookies are Secure only when
 * the edge trusts that balancer, and it trusts none by default. An https site set up that
 * way must hear about it when the edge starts, not find out from an audit.
 */
function warningsOfEdge(publicBaseUrl: string | undefined, trustedProxies: string[]): string[] {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const edge = createEdgeServer({
    rules: defineEdgeRules({ ...hatagoRules, trustedProxies }),
    instances: { guest: ['http://127.0.0.1:9'] },
    logger: createLogger('edge', 'warn', stream),
    accessLog: false,
    probes: false,
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
  });
  void edge.close();
  // pino writes synchronously to a plain stream: every line is there once the edge is built
  return lines.filter((line) => line.level === 40).map((line) => line.msg);
}

describe('hygiene: an https site behind a balancer the edge does not trust', () => {
  it('is warned of when the edge starts', () => {
    const warnings = warningsOfEdge('https://hatago.example', []);
    assert.equal(warnings.filter((msg) => /PUBLIC_BASE_URL is https but the edge trusts no proxy/.test(msg)).length, 1, warnings.join('\n'));
  });

  it('is not, once the balancer is trusted or the site is plain http', () => {
    for (const [url, proxies] of [['https://hatago.example', ['10.0.0.0/8']], ['http://localhost:8080', []], [undefined, []]] as const) {
      assert.deepEqual(warningsOfEdge(url, [...proxies]).filter((msg) => /trusts no proxy/.test(msg)), [], String(url));
    }
  });
});
