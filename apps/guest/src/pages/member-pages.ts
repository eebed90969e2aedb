import type { FastifyReply, FastifyRequest } from 'fastify';
import { cancelReservation, getReservationByCode, listMemberReservations, type Reservation } from '@hatago/booking';
import { createSession, endSession, logInMember, type Member, PASSWORD_RULES, signUpMember } from '@hatago/identity';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import type { HttpApp } from '@hatago/platform/http';
import { clearSessionCookie, clientOf, field, formAlert, localRedirect, readSessionCookie, writeSessionCookie, yen } from '@hatago/web-kit';
import type { GuestServices } from '../deps.ts';
import { type Lang, langOf, localise, t } from './i18n.ts';
import { currentMember, MEMBER_COOKIE } from './member-session.ts';
import { hidden, langField, link, localiseErrors, notFoundPage, paramsOf, sendPage } from './page-kit.ts';
import { forgotPasswordLink } from './password-reset-pages.ts';
import { sendCancelled } from './reservation-pages.ts';
import { cancellationPanel, reservationDetails } from './reservation-view.ts';

const ACCOUNT_HOME = '/account/reservations';
const SIGN_UP_FIELDS = ['name', 'nameLatin', 'email', 'phone', 'password'] as const;

const safeNext = (next: string | undefined, lang: Lang): string => localRedirect(next, link(ACCOUNT_HOME, {}, lang));

const DOMAIN_STATUS: Partial<Record<DomainError['kind'], number>> = { invalid: 422, conflict: 409, unauthorized: 401, rate_limited: 429 };

export function registerMemberPages(app: HttpApp, { database, rateLimiter, booking }: GuestServices): void {
  async function startSession(request: FastifyRequest, reply: FastifyReply, member: Member, next: string) {
    const session = await createSession(database.db, 'member', member.id);
    writeSessionCookie(request, reply, MEMBER_COOKIE, session.token, session.expiresAt);
    reply.header('cache-control', 'private, no-store');
    return reply.redirect(next, 303);
  }

  /** The signed-in member, or undefined after sending the guest to the login form. */
  async function requireMember(request: FastifyRequest, reply: FastifyReply, lang: Lang): Promise<Member | undefined> {
    const member = await currentMember(database, request);
    if (!member) {
      const next = request.method === 'GET' ? request.url : link(ACCOUNT_HOME, {}, lang);
      reply.header('cache-control', 'private, no-store').redirect(link('/login', { next }, lang), 303);
    }
    return member;
  }

  const signUpPage = (reply: FastifyReply, lang: Lang, values: Record<string, string>, errors: FieldError[] = [], status = 200) => {
    const text = t(lang);
    return sendPage(reply, {
      lang,
      title: text.signupTitle,
      cache: 'private',
      status,
      body: html`<h1>${text.signupTitle}</h1>
${formAlert(errors, [...SIGN_UP_FIELDS])}
<form class="stack" method="post" action="/signup">
  ${field({ name: 'name', label: text.name, value: values.name, required: true, attrs: { autocomplete: 'name' } }, errors)}
  ${field({ name: 'nameLatin', label: text.nameLatin, value: values.nameLatin, required: true, attrs: { placeholder: 'Taro Yamada' } }, errors)}
  ${field({ name: 'email', label: text.email, type: 'email', value: values.email, required: true, attrs: { autocomplete: 'email' } }, errors)}
  ${field({ name: 'phone', label: text.phone, type: 'tel', value: values.phone, required: true, attrs: { autocomplete: 'tel' } }, errors)}
  ${field(
    {
      name: 'password',
      label: `${text.password} (${text.passwordHint(PASSWORD_RULES.min)})`,
      type: 'password',
      required: true,
      attrs: { autocomplete: 'new-password' },
    },
    errors,
  )}
  ${hidden({ next: values.next })}${langField(lang)}
  <button type="submit">${text.signup}</button>
</form>`,
    });
  };

  const loginPage = (reply: FastifyReply, lang: Lang, values: Record<string, string>, errors: FieldError[] = [], status = 200) => {
    const text = t(lang);
    return sendPage(reply, {
      lang,
      title: text.loginTitle,
      cache: 'private',
      status,
      body: html`<h1>${text.loginTitle}</h1>
${formAlert(errors, ['email', 'password'])}
<form class="stack" method="post" action="/login">
  ${field({ name: 'email', label: text.email, type: 'email', value: values.email, required: true, attrs: { autocomplete: 'username' } }, errors)}
  ${field({ name: 'password', label: text.password, type: 'password', required: true, attrs: { autocomplete: 'current-password' } }, errors)}
  ${hidden({ next: values.next })}${langField(lang)}
  <button type="submit">${text.login}</button>
</form>
<p><a href="${link('/signup', { next: values.next }, lang)}">${text.signupLink}</a></p>
${forgotPasswordLink(lang)}`,
    });
  };

  app.get('/signup', async (request, reply) => {
    const query = paramsOf(request.query);
    return signUpPage(reply, langOf(query.lang), { next: query.next ?? '' });
  });

  app.post('/signup', async (request, reply) => {
    const values = paramsOf(request.body);
    const lang = langOf(values.lang);
    try {
      const member = await signUpMember(database.db, values, { client: clientOf(request), locale: lang }, rateLimiter);
      request.log.info({ memberId: member.id }, 'member signed up');
      return await startSession(request, reply, member, safeNext(values.next, lang));
    } catch (error) {
      if (!(error instanceof DomainError) || !['invalid', 'conflict', 'rate_limited'].includes(error.kind)) throw error;
      const errors =
        error.kind === 'invalid'
          ? localiseErrors(lang, error.fields)
          : [{ field: error.kind === 'conflict' ? 'email' : 'form', message: localise(lang, error.message) }];
      return signUpPage(reply, lang, values, errors, DOMAIN_STATUS[error.kind]);
    }
  });

  app.get('/login', async (request, reply) => {
    const query = paramsOf(request.query);
    return loginPage(reply, langOf(query.lang), { next: query.next ?? '' });
  });

  app.post('/login', async (request, reply) => {
    const values = paramsOf(request.body);
    const lang = langOf(values.lang);
    const email = (values.email ?? '').slice(0, 254);
    try {
      const member = await logInMember(database.db, { email, password: values.password ?? '', client: clientOf(request) }, rateLimiter);
      return await startSession(request, reply, member, safeNext(values.next, lang));
    } catch (error) {
      if (!(error instanceof DomainError) || (error.kind !== 'unauthorized' && error.kind !== 'rate_limited')) throw error;
      const errors = [{ field: 'form', message: localise(lang, error.message) }];
      return loginPage(reply, lang, { email, next: values.next ?? '' }, errors, DOMAIN_STATUS[error.kind]);
    }
  });

  app.post('/logout', async (request, reply) => {
    const lang = langOf(paramsOf(request.body).lang);
    await endSession(database.db, readSessionCookie(request, MEMBER_COOKIE));
    clearSessionCookie(reply, MEMBER_COOKIE);
    reply.header('cache-control', 'private, no-store');
    return reply.redirect(link('/', {}, lang), 303);
  });

  app.get(ACCOUNT_HOME, async (request, reply) => {
    const lang = langOf(paramsOf(request.query).lang);
    const member = await requireMember(request, reply, lang);
    if (!member) return reply;
    const text = t(lang);
    const list = await listMemberReservations(database.db, member.id);
    return sendPage(reply, {
      lang,
      title: text.accountTitle,
      cache: 'private',
      loggedIn: true,
      body: html`<h1>${text.accountTitle}</h1>
<p>${text.welcome(member.name)}</p>
<h2>${text.yourReservations}</h2>
${
  list.length
    ? html`<table>
<thead><tr><th>${text.reservationCode}</th><th>${text.hotel}</th><th>${text.checkin}</th><th>${text.nights}</th><th>${text.total}</th><th>${text.status}</th><th></th></tr></thead>
<tbody>${list.map(
        (r) => html`<tr data-testid="member-reservation">
  <td>${r.code}</td><td>${r.hotelName}</td><td>${r.checkin}</td><td>${r.nights}</td><td>${yen(r.totalPrice)}</td>
  <td>${r.status === 'cancelled' ? text.statusCancelled : text.statusConfirmed}</td>
  <td><a href="${link(`${ACCOUNT_HOME}/${r.code}`, {}, lang)}">${text.details}</a></td>
</tr>`,
      )}</tbody>
</table>`
    : html`<p>${text.noReservations}</p>`
}`,
    });
  });

  /** A reservation of this member's, or the 404 page: other people's codes look like unknown ones. */
  async function ownReservation(reply: FastifyReply, lang: Lang, member: Member, code: string): Promise<Reservation | string> {
    try {
      const reservation = await getReservationByCode(database.db, code);
      if (reservation.memberId === member.id) return reservation;
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'not_found')) throw error;
    }
    return notFoundPage(reply, lang, t(lang).lookupNotFound, 'private');
  }

  const memberReservationPage = (reply: FastifyReply, lang: Lang, reservation: Reservation, alert?: { status: number; message: string }) =>
    sendPage(reply, {
      lang,
      title: t(lang).reservationTitle,
      cache: 'private',
      status: alert?.status,
      loggedIn: true,
      body: html`<h1>${t(lang).reservationTitle}</h1>
${reservationDetails(reservation, lang)}
${cancellationPanel(reservation, lang, { action: `${ACCOUNT_HOME}/${reservation.code}/cancel`, fields: {}, alert: alert?.message })}
<p><a href="${link(ACCOUNT_HOME, {}, lang)}">${t(lang).yourReservations}</a></p>`,
    });

  app.get(`${ACCOUNT_HOME}/:code`, async (request, reply) => {
    const lang = langOf(paramsOf(request.query).lang);
    const member = await requireMember(request, reply, lang);
    if (!member) return reply;
    const reservation = await ownReservation(reply, lang, member, (request.params as { code: string }).code);
    return typeof reservation === 'string' ? reservation : memberReservationPage(reply, lang, reservation);
  });

  app.post(`${ACCOUNT_HOME}/:code/cancel`, async (request, reply) => {
    const values = paramsOf(request.body);
    const lang = langOf(values.lang);
    const member = await requireMember(request, reply, lang);
    if (!member) return reply;
    const reservation = await ownReservation(reply, lang, member, (request.params as { code: string }).code);
    if (typeof reservation === 'string') return reservation;
    if (values.confirm !== 'yes') return memberReservationPage(reply, lang, reservation, { status: 422, message: t(lang).cancelNeedsConfirm });
    try {
      const outcome = await cancelReservation(booking, reservation.code, { kind: 'member', memberId: member.id });
      request.log.info({ code: reservation.code, fee: outcome.reservation.cancelFee }, 'reservation cancelled by its member');
      return sendCancelled(reply, outcome.reservation, lang, true);
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
      return memberReservationPage(reply, lang, reservation, { status: 409, message: localise(lang, error.message) });
    }
  });
}
