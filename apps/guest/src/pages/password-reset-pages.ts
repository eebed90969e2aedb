import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimiter } from '@hatago/cache';
import type { Database } from '@hatago/db';
import { knownDeviceOf, passwordResetLinkIsValid, requestPasswordReset, resetPassword } from '@hatago/identity';
import { DomainError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { clientOf, writeKnownDevice } from '@hatago/web-kit';
import { langOf } from './i18n.ts';
import { MEMBER_DEVICE } from './member-session.ts';
import { type GuestPage, link, paramsOf, sendPage } from './page-kit.ts';
import {
  invalidLinkPage,
  linkSentPage,
  PASSWORD_RESET_PATH,
  passwordChangedPage,
  passwordFormPage,
  requestFormPage,
} from './password-reset-views.ts';

export interface PasswordResetPagesDeps {
  database: Database;
  rateLimiter: RateLimiter;
  /**
   * The site's public origin, e.g. `https://hatago.example`, for the link in the mail.
   * Configured, never taken from the request's Host header: a forged Host would otherwise
   * mail a member a reset link to someone else's site.
   */
  publicBaseUrl: string;
}

type TokenParams = { Params: { token: string } };

/** Members who forgot their password ask for a link by mail, then choose a new one through it. */
export function registerPasswordResetPages(app: HttpApp, deps: PasswordResetPagesDeps): void {
  app.get(PASSWORD_RESET_PATH, showRequestForm);
  app.post(PASSWORD_RESET_PATH, (request, reply) => requestLink(deps, request, reply));
  app.get<TokenParams>(`${PASSWORD_RESET_PATH}/:token`, (request, reply) => showPasswordForm(deps, request, reply));
  app.post<TokenParams>(`${PASSWORD_RESET_PATH}/:token`, (request, reply) => choosePassword(deps, request, reply));
}

function sendResetPage(reply: FastifyReply, page: GuestPage): string {
  // the token is in the URL: no other site may learn it from a Referer
  reply.header('referrer-policy', 'no-referrer');
  return sendPage(reply, page);
}

async function showRequestForm(request: FastifyRequest, reply: FastifyReply) {
  return sendResetPage(reply, requestFormPage(langOf(paramsOf(request.query).lang), ''));
}

async function requestLink({ database, rateLimiter, publicBaseUrl }: PasswordResetPagesDeps, request: FastifyRequest, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const email = (values.email ?? '').slice(0, 254);
  const base = publicBaseUrl.replace(/\/+$/, '');
  try {
    await requestPasswordReset(database.db, rateLimiter, {
      email,
      client: clientOf(request),
      locale: lang,
      resetUrl: (token) => `${base}${link(`${PASSWORD_RESET_PATH}/${token}`, {}, lang)}`,
    });
  } catch (error) {
    if (!(error instanceof DomainError) || (error.kind !== 'invalid' && error.kind !== 'rate_limited')) throw error;
    return sendResetPage(reply, requestFormPage(lang, email, error.kind === 'invalid' ? 'invalidEmail' : 'throttled'));
  }
  return sendResetPage(reply, linkSentPage(lang));
}

async function showPasswordForm({ database }: PasswordResetPagesDeps, request: FastifyRequest<TokenParams>, reply: FastifyReply) {
  const lang = langOf(paramsOf(request.query).lang);
  const { token } = request.params;
  return sendResetPage(reply, (await passwordResetLinkIsValid(database.db, token)) ? passwordFormPage(lang, token) : invalidLinkPage(lang));
}

async function choosePassword({ database }: PasswordResetPagesDeps, request: FastifyRequest<TokenParams>, reply: FastifyReply) {
  const values = paramsOf(request.body);
  const lang = langOf(values.lang);
  const { token } = request.params;
  try {
    const { memberId } = await resetPassword(database.db, { token, password: values.password ?? '' });
    // the link proved the owner: this device may sign in even while the account is under attack
    writeKnownDevice(request, reply, MEMBER_DEVICE, knownDeviceOf('member', memberId));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.kind === 'not_found') return sendResetPage(reply, invalidLinkPage(lang));
    if (error.kind !== 'invalid') throw error;
    // a wrong password only shows the form again while the link still works
    if (!(await passwordResetLinkIsValid(database.db, token))) return sendResetPage(reply, invalidLinkPage(lang));
    return sendResetPage(reply, passwordFormPage(lang, token, true));
  }
  request.log.info('member password reset');
  return sendResetPage(reply, passwordChangedPage(lang));
}
