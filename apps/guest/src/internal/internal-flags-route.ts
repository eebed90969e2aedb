import { createHash } from 'node:crypto';
import type { FlagDefinition } from '@hatago/flags';
import { type HttpApp, matchesEtag } from '@hatago/platform/http';
import type { GuestServices } from '../deps.ts';

export const INTERNAL_FLAGS_PATH = '/internal/flags';

/** What the edge's flag feed reads: every definition, and the environment to evaluate them in. */
export interface InternalFlags {
  environment: string;
  flags: FlagDefinition[];
}

/**
 * `GET /internal/flags`: the flag definitions for the edge, which polls one instance about
 * every second with If-None-Match, so an unchanged set costs a 304 and no body. Never
 * stored by anyone in between (a kill switch must not wait for a cache). The edge refuses
 * `/internal` from outside (config/edge.ts INTERNAL_PATHS): it is read on the instance's own port.
 */
export function registerInternalFlags(app: HttpApp, { flags, environment }: Pick<GuestServices, 'flags' | 'environment'>): void {
  app.get(INTERNAL_FLAGS_PATH, async (request, reply) => {
    const definitions = await flags.definitions();
    const body: InternalFlags = { environment, flags: [...definitions.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
    const text = JSON.stringify(body);
    const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
    reply.header('cache-control', 'no-store').header('etag', etag);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(text);
  });
}
