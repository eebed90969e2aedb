import type { FastifyReply } from 'fastify';
import { createFlag, findFlag, getFlag, listFlags, requireValidFlag, type StoredFlag, updateFlag } from '@hatago/flags';
import type { HttpApp } from '@hatago/platform/http';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { flagActionOf, flagsContext } from './flag-routes.ts';

const API = '/operator/api/flags';

const asJson = (flag: StoredFlag) => ({ ...flag.definition, version: flag.version, updatedAt: flag.updatedAt.toISOString(), updatedBy: flag.updatedBy });
const withEtag = (reply: FastifyReply, flag: StoredFlag) => reply.header('etag', `"${flag.version}"`);
/** `"3"` or `W/"3"` → 3; anything else names no version we wrote, so it can only be stale (0). */
const versionIn = (ifMatch: string) => Number(/^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim())?.[1] ?? 0);

/**
 * Flags as code: CI or a script reads and writes a flag's definition as JSON with an API
 * token or an operator's session. PUT creates the flag or replaces it; with `If-Match` (the
 * ETag of a GET) only at that version, without it over whatever is there, the file in git
 * being the source of truth. Errors are problem+json, every field error with its path.
 */
export function registerFlagApi(app: HttpApp, deps: OperatorAppDeps): void {
  const db = deps.database.db;
  const context = flagsContext(deps);

  app.get(API, needs('flags.read'), async () => ({ items: (await listFlags(db)).map(asJson) }));

  app.get<{ Params: { key: string } }>(`${API}/:key`, needs('flags.read'), async (request, reply) => {
    const flag = await getFlag(db, request.params.key);
    return withEtag(reply, flag).send(asJson(flag));
  });

  app.put<{ Params: { key: string }; Body: unknown }>(`${API}/:key`, needs('flags.write'), async (request, reply) => {
    const { key } = request.params;
    // the path names the flag; a body may leave its key out
    const body = typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? { key, ...request.body } : request.body;
    const existing = await findFlag(db, key);
    if (!existing) {
      const created = await createFlag(context, requireValidFlag(body, { key }), flagActionOf(request));
      return withEtag(reply, created).code(201).send(asJson(created));
    }
    const ifMatch = request.headers['if-match'];
    const expected = typeof ifMatch === 'string' ? versionIn(ifMatch) : existing.version;
    const updated = await updateFlag(context, key, body, expected, flagActionOf(request));
    return withEtag(reply, updated).send(asJson(updated));
  });
}
