import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { RateLimiter } from '@hatago/cache';
import type { Database } from '@hatago/db';
import { createSession, endSession, getStaff, knownDeviceOf, logInStaff, resolveSession, type StaffAccount, type StaffKind } from '@hatago/identity';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { rejectCrossSiteWrites } from './cross-site-forms.ts';
import { field, formAlert } from './forms.ts';
import { type KnownDeviceSpec, readKnownDevice, writeKnownDevice } from './known-device-cookie.ts';
import { localRedirect } from './local-redirect.ts';
import { type PageShell, renderPage } from './page-shell.ts';
import { clearSessionCookie, clientOf, readSessionCookie, type SessionCookieSpec, writeSessionCookie } from './session-cookie.ts';
import { WebKitErrors } from './web-kit-errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff account; set on every console route except the login page. */
    staff: StaffAccount;
  }
}

export interface StaffLoginOptions {
  kind: StaffKind;
  /** Where the console lives, e.g. `/facility`. */
  basePath: string;
  database: Database;
  /** Counts sign-in attempts per account and client across every instance. */
  rateLimiter: RateLimiter;
  shell: Pick<PageShell, 'brand' | 'lang' | 'css'>;
  /** Called after a successful sign-in, e.g. to write it to the audit log. */
  onSignIn?: (staff: StaffAccount, request: FastifyRequest) => Promise<void>;
  /**
   * Lets machines call the console with `Authorization: Bearer <token>` instead of a session
   * cookie; resolves the account the token acts as, or throws (401) for a bad one.
   */
  authenticateBearer?: (token: string) => Promise<StaffAccount>;
}

/**
 * Login, logout, the session check and the cross-site check shared by the staff consoles.
 * Every route the app registers after this requires a signed-in account of `kind`; pages
 * redirect to the login form, which returns the user to where they were going.
 */
export function registerStaffLogin(app: FastifyInstance<any, any, any, any, any>, options: StaffLoginOptions): void {
  const { kind, basePath, database } = options;
  const cookie: SessionCookieSpec = { name: `hatago_${kind}`, path: basePath, sameSite: 'strict' };
  const device: KnownDeviceSpec = { name: `hatago_${kind}_device`, path: basePath };
  const loginPath = `${basePath}/login`;
  const publicPaths = new Set([loginPath, `${basePath}/logout`, '/healthz', '/readyz', '/metrics']);

  const loginPage = (values: { login?: string; next?: string }, errors: FieldError[] = []) =>
    renderPage({
      ...options.shell,
      brandHref: `${basePath}/`,
      title: 'Sign in',
      body: html`<h1>Sign in</h1>
${formAlert(errors, ['login', 'password'])}
<form class="stack" method="post" action="${loginPath}">
  ${field({ name: 'login', label: 'Login', value: values.login ?? '', required: true, attrs: { autocomplete: 'username' } }, errors)}
  ${field({ name: 'password', label: 'Password', type: 'password', required: true, attrs: { autocomplete: 'current-password' } }, errors)}
  <input type="hidden" name="next" value="${values.next ?? ''}">
  <button type="submit">Sign in</button>
</form>`,
    });

  rejectCrossSiteWrites(app, cookie);
  app.decorateRequest('staff', null as unknown as StaffAccount);

  app.addHook('preHandler', async (request: FastifyRequest, reply) => {
    const path = request.url.split('?')[0]!;
    if (publicPaths.has(path) || !request.routeOptions.url) return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer !== undefined && options.authenticateBearer) {
      request.staff = await options.authenticateBearer(bearer);
      reply.header('cache-control', 'private, no-store');
      return;
    }
    const id = await resolveSession(database.db, kind, readSessionCookie(request, cookie));
    const staff = id === undefined ? undefined : await getStaff(database.db, kind, id);
    if (!staff) {
      if (request.method === 'GET') return reply.redirect(`${loginPath}?next=${encodeURIComponent(request.url)}`);
      throw new DomainError('unauthorized', WebKitErrors.SIGN_IN_REQUIRED, 'Sign in to continue');
    }
    request.staff = staff;
    reply.header('cache-control', 'private, no-store');
  });

  app.get(loginPath, async (request, reply) => {
    const next = (request.query as { next?: string }).next;
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return loginPage({ next: safeNext(next, basePath) });
  });

  app.post(loginPath, async (request, reply) => {
    const body = (request.body ?? {}) as { login?: unknown; password?: unknown; next?: unknown };
    const login = typeof body.login === 'string' ? body.login.slice(0, 200) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 500) : '';
    const next = safeNext(body.next, basePath);
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    try {
      const client = clientOf(request);
      const staff = await logInStaff(database.db, kind, { login, password, client, knownDevice: readKnownDevice(request, device) }, options.rateLimiter);
      const session = await createSession(database.db, kind, staff.id);
      writeSessionCookie(request, reply, cookie, session.token, session.expiresAt);
      writeKnownDevice(request, reply, device, knownDeviceOf(kind, staff.id));
      await options.onSignIn?.(staff, request);
      request.log.info({ staffId: staff.id, kind }, 'staff signed in');
      return reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.kind === 'rate_limited') request.log.warn({ kind, code: error.code }, 'staff login refused by the throttle');
      reply.code(error.kind === 'rate_limited' ? 429 : 401);
      return loginPage({ login, next }, [{ field: 'form', message: error.message }]);
    }
  });

  app.post(`${basePath}/logout`, async (request, reply) => {
    await endSession(database.db, readSessionCookie(request, cookie));
    clearSessionCookie(reply, cookie);
    return reply.redirect(loginPath, 303);
  });
}

/** Only paths inside the console: see `localRedirect`. */
const safeNext = (next: unknown, basePath: string): string => localRedirect(next, `${basePath}/`, `${basePath}/`);
