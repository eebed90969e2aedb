import type { FastifyRequest } from 'fastify';
import {
  type AccountAction,
  changeOperatorAccount,
  createApiToken,
  createOperatorAccount,
  IdentityErrors,
  listApiTokens,
  listOperatorAccounts,
  revokeApiToken,
} from '@hatago/identity';
import { DomainError, notFound } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { parseId } from '@hatago/platform/input';
import { auditActor } from '../audit-trail.ts';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { ACCOUNTS_PATH, accountsPage, API_TOKENS_PATH, apiTokensPage } from '../views/account-views.ts';

type IdParams = { Params: { id: string } };
type Fields = { Body: Record<string, unknown> | undefined };

const HTML = 'text/html; charset=utf-8';

/** What a redirect after an action asks the list to say; only these fixed lines, never text from the link. */
const NOTICES: Record<string, string> = {
  created: 'Created the account.',
  role: 'Changed the role.',
  disabled: 'Disabled the account; its sessions have ended.',
  enabled: 'Enabled the account.',
  revoked: 'Revoked: the token no longer signs anything in.',
};
const noticeOf = (query: { notice?: unknown }) => (typeof query.notice === 'string' ? NOTICES[query.notice] : undefined);
const actionOf = (request: FastifyRequest): AccountAction => ({ by: auditActor(request.staff), requestId: request.id });
const textFields = (body: Record<string, unknown> | undefined, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, typeof body?.[name] === 'string' ? (body[name] as string) : '']));

const idOf = (raw: string, what: 'account' | 'token') => {
  const id = parseId(raw);
  if (id !== undefined) return id;
  throw what === 'account'
    ? notFound(IdentityErrors.OPERATOR_ACCOUNT_NOT_FOUND, `No operator account #${raw}`)
    : notFound(IdentityErrors.API_TOKEN_NOT_FOUND, `No API token #${raw}`);
};

/** Runs a form action; a form that breaks a rule is shown again with its field errors and nothing is written. */
async function orFieldErrors<T>(action: () => Promise<T>, refused: (error: DomainError) => Promise<string>): Promise<T | string> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid') return refused(error);
    throw error;
  }
}

/** Admins create, disable and re-role operator accounts and mint and revoke API tokens, each audited. */
export function registerAccountRoutes(app: HttpApp, { database }: OperatorAppDeps): void {
  const db = database.db;

  app.get<{ Querystring: { notice?: unknown } }>(ACCOUNTS_PATH, needs('accounts.manage'), async (request, reply) => {
    reply.type(HTML);
    const notice = noticeOf(request.query);
    return accountsPage(request.staff, await listOperatorAccounts(db), notice ? { notice } : {});
  });

  app.post<Fields>(ACCOUNTS_PATH, needs('accounts.manage'), async (request, reply) => {
    reply.type(HTML);
    const outcome = await orFieldErrors(
      () => createOperatorAccount(db, request.body ?? {}, actionOf(request)),
      async (error) => {
        reply.code(422);
        return accountsPage(request.staff, await listOperatorAccounts(db), { form: textFields(request.body, ['login', 'name', 'role']), errors: error.fields });
      },
    );
    if (typeof outcome === 'string') return outcome;
    return reply.redirect(`${ACCOUNTS_PATH}?notice=created`, 303);
  });

  const change = (path: string, what: (body: Record<string, unknown>) => { role: unknown } | { disabled: boolean }, notice: string) =>
    app.post<IdParams & Fields>(`${ACCOUNTS_PATH}/:id/${path}`, needs('accounts.manage'), async (request, reply) => {
      reply.type(HTML);
      const outcome = await orFieldErrors(
        () => changeOperatorAccount(db, idOf(request.params.id, 'account'), what(request.body ?? {}), actionOf(request)),
        async (error) => {
          reply.code(422);
          return accountsPage(request.staff, await listOperatorAccounts(db), { errors: error.fields });
        },
      );
      if (typeof outcome === 'string') return outcome;
      return reply.redirect(`${ACCOUNTS_PATH}?notice=${notice}`, 303);
    });
  change('role', (body) => ({ role: body.role }), 'role');
  change('disable', () => ({ disabled: true }), 'disabled');
  change('enable', () => ({ disabled: false }), 'enabled');

  app.get<{ Querystring: { notice?: unknown } }>(API_TOKENS_PATH, needs('api_tokens.manage'), async (request, reply) => {
    reply.type(HTML);
    const notice = noticeOf(request.query);
    return apiTokensPage(request.staff, await listApiTokens(db), notice ? { notice } : {});
  });

  // answered with the page itself, not a redirect: the secret is shown once and never stored
  app.post<Fields>(API_TOKENS_PATH, needs('api_tokens.manage'), async (request, reply) => {
    reply.type(HTML);
    const outcome = await orFieldErrors(
      () => createApiToken(db, request.body ?? {}, actionOf(request)),
      async (error) => {
        reply.code(422);
        return apiTokensPage(request.staff, await listApiTokens(db), { form: textFields(request.body, ['name', 'role']), errors: error.fields });
      },
    );
    if (typeof outcome === 'string') return outcome;
    return apiTokensPage(request.staff, await listApiTokens(db), { created: { name: outcome.record.name, token: outcome.token } });
  });

  app.post<IdParams>(`${API_TOKENS_PATH}/:id/revoke`, needs('api_tokens.manage'), async (request, reply) => {
    await revokeApiToken(db, idOf(request.params.id, 'token'), actionOf(request));
    return reply.redirect(`${API_TOKENS_PATH}?notice=revoked`, 303);
  });
}
