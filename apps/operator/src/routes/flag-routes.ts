import type { FastifyReply, FastifyRequest } from 'fastify';
import { listAudit } from '@hatago/audit';
import { deleteFlag, FLAG_AUDIT_TARGET, FlagChanges, type FlagsContext, FlagsErrors, getFlag, listFlags, setEnvironmentEnabled, type StoredFlag, updateFlag, createFlag } from '@hatago/flags';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { auditActor } from '../audit-trail.ts';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { type FlagForm, formErrorsOf, FLAGS_PATH, parseFlagForm } from '../views/flag-form.ts';
import { deleteFlagPage, flagPage, flagsPage } from '../views/flag-views.ts';

const HTML = 'text/html; charset=utf-8';
type Body = Record<string, unknown>;
type KeyParams = { Params: { key: string } };
const NOTICES: Record<string, string> = {
  created: 'Created: every app and the edge follow it within 2 seconds.',
  saved: 'Saved: every app and the edge follow it within 2 seconds.',
  'switched-off': 'Switched off: within 2 seconds nobody gets the flag there, previews included.',
  'switched-on': 'Switched on again.',
  deleted: 'Deleted: code asking for it gets its default (off).',
};

export const flagActionOf = (request: FastifyRequest) => ({ actor: auditActor(request.staff), requestId: request.id });
export const flagsContext = ({ database, cache }: OperatorAppDeps): FlagsContext => ({ db: database.db, changes: new FlagChanges(cache) });
// a form without its version is refused as stale rather than saved over whatever is there
const versionOf = (body: Body) => Number(typeof body.version === 'string' ? body.version : 0) || 0;

/** A form the flags module refused: field errors (422), or a conflict said above the form (409); anything else goes to the error handler. */
function refusal(error: unknown): { status: number; errors: FieldError[]; notice?: string } {
  if (!(error instanceof DomainError)) throw error;
  if (error.kind === 'invalid') return { status: 422, errors: formErrorsOf(error.fields) };
  if (error.code === FlagsErrors.FEATURE_FLAG_EXISTS) return { status: 409, errors: [{ field: 'key', message: error.message }] };
  if (error.code === FlagsErrors.FEATURE_FLAG_STALE) return { status: 409, errors: [], notice: `Not saved: ${error.message}` };
  throw error;
}

/**
 * Feature flags: support reads them; editors and admins create, edit, switch environments
 * off and on, and delete them. Every change is one transaction with its audit entry in the
 * flags module, announced to every instance once committed.
 */
export function registerFlagRoutes(app: HttpApp, deps: OperatorAppDeps): void {
  const db = deps.database.db;
  const context = flagsContext(deps);
  const now = () => new Date();

  const list = async (request: FastifyRequest, state: { notice?: string; form?: FlagForm; errors?: FieldError[] } = {}) => flagsPage(request.staff, { flags: await listFlags(db), now: now(), ...state });
  const one = async (request: FastifyRequest, flag: StoredFlag, state: { form?: FlagForm; errors?: FieldError[]; notice?: string } = {}) => {
    const history = await listAudit(db, { targetType: FLAG_AUDIT_TARGET, targetId: flag.definition.key, page: 1, pageSize: 100 });
    return flagPage(request.staff, { flag, history, now: now(), ...state });
  };
  const send = (reply: FastifyReply, status: number, page: string) => reply.code(status).type(HTML).send(page);

  app.get<{ Querystring: { notice?: unknown } }>(FLAGS_PATH, needs('flags.read'), async (request, reply) => {
    const notice = typeof request.query.notice === 'string' ? NOTICES[request.query.notice] : undefined;
    return send(reply, 200, await list(request, notice ? { notice } : {}));
  });

  app.post<{ Body: Body | undefined }>(FLAGS_PATH, needs('flags.write'), async (request, reply) => {
    const { form, definition } = parseFlagForm(request.body ?? {});
    try {
      await createFlag(context, definition, flagActionOf(request));
      return reply.redirect(`${FLAGS_PATH}?notice=created`, 303);
    } catch (error) {
      const { status, errors } = refusal(error);
      return send(reply, status, await list(request, { form, errors }));
    }
  });

  app.get<KeyParams>(`${FLAGS_PATH}/:key`, needs('flags.read'), async (request, reply) => send(reply, 200, await one(request, await getFlag(db, request.params.key))));

  app.post<KeyParams & { Body: Body | undefined }>(`${FLAGS_PATH}/:key`, needs('flags.write'), async (request, reply) => {
    const body = request.body ?? {};
    const { form, definition } = parseFlagForm(body, request.params.key);
    try {
      await updateFlag(context, request.params.key, definition, versionOf(body), flagActionOf(request));
      return reply.redirect(`${FLAGS_PATH}?notice=saved`, 303);
    } catch (error) {
      const { status, errors, notice } = refusal(error);
      return send(reply, status, await one(request, await getFlag(db, request.params.key), { form, errors, ...(notice ? { notice } : {}) }));
    }
  });

  app.post<{ Params: { key: string; environment: string }; Body: Body | undefined }>(`${FLAGS_PATH}/:key/environments/:environment`, needs('flags.write'), async (request, reply) => {
    const enabled = request.body?.enabled === 'true';
    await setEnvironmentEnabled(context, request.params.key, request.params.environment, enabled, flagActionOf(request));
    return reply.redirect(`${FLAGS_PATH}?notice=${enabled ? 'switched-on' : 'switched-off'}`, 303);
  });

  app.get<KeyParams>(`${FLAGS_PATH}/:key/delete`, needs('flags.write'), async (request, reply) => send(reply, 200, deleteFlagPage(request.staff, await getFlag(db, request.params.key))));

  app.post<KeyParams & { Body: Body | undefined }>(`${FLAGS_PATH}/:key/delete`, needs('flags.write'), async (request, reply) => {
    try {
      await deleteFlag(context, request.params.key, versionOf(request.body ?? {}), flagActionOf(request));
      return reply.redirect(`${FLAGS_PATH}?notice=deleted`, 303);
    } catch (error) {
      const { status, notice } = refusal(error);
      return send(reply, status, await one(request, await getFlag(db, request.params.key), notice ? { notice } : {}));
    }
  });
}
