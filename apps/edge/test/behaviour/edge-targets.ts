import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@hatago/platform/logging';
import type { EdgeRules } from '@hatago/edge-rules';
import { compileVcl, type BackendInstances } from '@hatago/vcl';
import { startVarnish } from '../harness/varnish.ts';

/** An edge answering on loopback: the Node edge or varnishd running the compiled VCL. */
export interface EdgeUnderTest {
  base: string;
  /** The admin listener, where the purge API answers (the same paths on both edges). */
  admin: string;
  stop: () => Promise<void>;
}

export interface EdgeTarget {
  name: string;
  start: (rules: EdgeRules, instances: BackendInstances, adminToken: string) => Promise<EdgeUnderTest>;
}

const listen = (server: http.Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

export const nodeEdge: EdgeTarget = {
  name: 'the Node edge',
  async start(rules, instances, adminToken) {
    // imported here so a broken Node edge fails its own cases, not the Varnish ones
    const { createEdgeServer } = await import('../../src/edge-server.ts');
    const { EdgeCache } = await import('@hatago/http-cache');
    const edge = createEdgeServer({ rules, instances, logger: createLogger('edge-behaviour', 'silent'), accessLog: false, cache: new EdgeCache(), adminToken });
    const base = await listen(edge.server);
    const admin = await listen(edge.adminServer!);
    return { base, admin, stop: () => edge.close() };
  },
};

export const varnishEdge: EdgeTarget = {
  name: 'varnishd with the compiled VCL',
  async start(rules, instances, adminToken) {
    const compiled = compileVcl(rules, instances);
    const varnish = await startVarnish({ vcl: compiled.vcl, params: compiled.params, env: { EDGE_ADMIN_TOKEN: adminToken } });
    return { base: varnish.url, admin: varnish.adminUrl, stop: () => varnish.stop() };
  },
};
