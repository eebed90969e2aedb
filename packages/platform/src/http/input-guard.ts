import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid } from '../errors/domain-error.ts';
import { PlatformErrors } from '../errors/platform-errors.ts';
import { disallowedValuesIn, hasDisallowedCharacter } from '../input/control-characters.ts';

/** Request headers whose values the apps pass on to the database. */
const STORED_HEADERS = ['idempotency-key'] as const;

/**
 * The one input layer every route sits behind: after the schema has coerced the request
 * and before any other hook or handler sees it, a value no column can take (see
 * control-characters.ts) in the query, the path parameters, a parsed body or a stored
 * header is refused as a field error (422 problem+json on the API, the error page
 * elsewhere), so it can never reach PostgreSQL as a 500. Raw bodies (Buffers, e.g. a
 * signed webhook) are left to the route that verifies them.
 */
export function guardRequestInput(app: FastifyInstance<any, any, any, any, any>): void {
  app.addHook('preHandler', async (request: FastifyRequest) => {
    dropForeignCookies(request);
    const errors = disallowedValuesIn(request.query, 'query');
    disallowedValuesIn(request.params, 'params', errors);
    disallowedValuesIn(request.body, 'body', errors);
    for (const name of STORED_HEADERS) disallowedValuesIn(request.headers[name], `headers.${name}`, errors);
    if (errors.length) {
      throw invalid(PlatformErrors.UNACCEPTABLE_INPUT, errors, `Some fields hold what no record can take: ${errors.map((e) => e.field).join(', ')}`);
    }
  });
}

/**
 * The apps only ever set cookies of random URL-safe tokens, so a cookie that decodes to a
 * disallowed character is not one of ours: it counts as absent (signed out) rather than
 * refusing every request of a browser that picked it up elsewhere on the domain.
 */
function dropForeignCookies(request: FastifyRequest): void {
  const cookies = (request as { cookies?: Record<string, string | undefined> }).cookies;
  if (!cookies) return;
  for (const [name, value] of Object.entries(cookies)) {
    if (typeof value === 'string' && hasDisallowedCharacter(value)) delete cookies[name];
  }
}
