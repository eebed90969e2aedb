import type { FastifyReply } from 'fastify';
import type { RateLimiter } from '@hatago/cache';
import type { Database } from '@hatago/db';
import { PASSWORD_RESET, PASSWORD_RULES, passwordResetLinkIsValid, requestPasswordReset, resetPassword } from '@hatago/identity';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import type { HttpApp } from '@hatago/platform/http';
import { clientOf, field, formAlert } from '@hatago/web-kit';
import { type Lang, langOf } from './i18n.ts';
import { langField, link, messagePage, paramsOf, sendPage } from './page-kit.ts';

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

export const PASSWORD_RESET_PATH = '/members/password-reset';

const COPY = {
  ja: {
    title: 'パスワードの再設定',
    intro: `ご登録のメールアドレスを入力してください。パスワード再設定用のリンクをお送りします（有効期限${PASSWORD_RESET.expiresInMinutes}分）。`,
    email: 'メールアドレス',
    send: 'リンクを送信する',
    invalidEmail: '正しいメールアドレスを入力してください',
    sentTitle: 'メールをご確認ください',
    sent: `このアドレスが会員登録されている場合、パスワード再設定用のリンクをお送りしました。リンクの有効期限は${PASSWORD_RESET.expiresInMinutes}分です。`,
    throttled: '再設定のご依頼が多すぎます。15分ほどおいてからお試しください。',
    newPassword: `新しいパスワード（${PASSWORD_RULES.min}文字以上）`,
    save: 'パスワードを変更する',
    passwordRule: `${PASSWORD_RULES.min}〜${PASSWORD_RULES.max}文字で入力してください`,
    invalidTitle: 'リンクが無効です',
    invalid: 'このリンクは無効か、有効期限が切れています。もう一度お手続きください。',
    again: '再設定をやり直す',
    doneTitle: 'パスワードを変更しました',
    done: '新しいパスワードでログインしてください。他の端末のログインはすべて解除されました。',
    login: 'ログインへ',
    forgot: 'パスワードをお忘れの方',
  },
  en: {
    title: 'Reset your password',
    intro: `Enter the email address of your membership. We will send you a link to choose a new password (valid for ${PASSWORD_RESET.expiresInMinutes} minutes).`,
    email: 'Email',
    send: 'Send the link',
    invalidEmail: 'Enter a valid email address',
    sentTitle: 'Check your mailbox',
    sent: `If this address belongs to a member, we have sent a link to choose a new password. It works for ${PASSWORD_RESET.expiresInMinutes} minutes.`,
    throttled: 'Too many reset requests. Try again in 15 minutes.',
    newPassword: `New password (at least ${PASSWORD_RULES.min} characters)`,
    save: 'Change the password',
    passwordRule: `Use ${PASSWORD_RULES.min} to ${PASSWORD_RULES.max} characters`,
    invalidTitle: 'This link does not work',
    invalid: 'The link is invalid or has expired. Please ask for a new one.',
    again: 'Ask for a new link',
    doneTitle: 'Your password has been changed',
    done: 'Log in with your new password. Every other sign-in has been ended.',
    login: 'Log in',
    forgot: 'Forgot your password?',
  },
} as const;

type TokenParams = { Params: { token: string } };

/** The way in from the login form. */
export const forgotPasswordLink = (lang: Lang): SafeHtml => html`<p><a href="${link(PASSWORD_RESET_PATH, {}, lang)}">${COPY[lang].forgot}</a></p>`;

/** Members who forgot their password ask for a link by mail, then choose a new one through it. */
export function registerPasswordResetPages(app: HttpApp, deps: PasswordResetPagesDeps): void {
  const db = deps.database.db;
  const base = deps.publicBaseUrl.replace(/\/+$/, '');

  const page = (reply: FastifyReply, lang: Lang, body: SafeHtml, status = 200) => {
    // the token is in the URL: no other site may learn it from a Referer
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(reply, { lang, title: COPY[lang].title, cache: 'private', status, body });
  };

  const requestForm = (reply: FastifyReply, lang: Lang, email: string, errors: FieldError[] = [], status = 200) =>
    page(
      reply,
      lang,
      html`<h1>${COPY[lang].title}</h1>
<p>${COPY[lang].intro}</p>
${formAlert(errors, ['email'])}
<form class="stack" method="post" action="${PASSWORD_RESET_PATH}">
  ${field({ name: 'email', label: COPY[lang].email, type: 'email', value: email, required: true, attrs: { autocomplete: 'email' } }, errors)}
  ${langField(lang)}
  <button type="submit">${COPY[lang].send}</button>
</form>`,
      status,
    );

  const passwordForm = (reply: FastifyReply, lang: Lang, token: string, errors: FieldError[] = [], status = 200) =>
    page(
      reply,
      lang,
      html`<h1>${COPY[lang].title}</h1>
${formAlert(errors, ['password'])}
<form class="stack" method="post" action="${PASSWORD_RESET_PATH}/${token}">
  ${field({ name: 'password', label: COPY[lang].newPassword, type: 'password', required: true, attrs: { autocomplete: 'new-password' } }, errors)}
  ${langField(lang)}
  <button type="submit">${COPY[lang].save}</button>
</form>`,
      status,
    );

  const invalidLink = (reply: FastifyReply, lang: Lang) =>
    page(reply, lang, messagePage(COPY[lang].invalidTitle, COPY[lang].invalid, { href: link(PASSWORD_RESET_PATH, {}, lang), label: COPY[lang].again }), 410);

  app.get(PASSWORD_RESET_PATH, async (request, reply) => requestForm(reply, langOf(paramsOf(request.query).lang), ''));

  app.post(PASSWORD_RESET_PATH, async (request, reply) => {
    const values = paramsOf(request.body);
    const lang = langOf(values.lang);
    const email = (values.email ?? '').slice(0, 254);
    try {
      await requestPasswordReset(db, deps.rateLimiter, {
        email,
        client: clientOf(request),
        locale: lang,
        resetUrl: (token) => `${base}${link(`${PASSWORD_RESET_PATH}/${token}`, {}, lang)}`,
      });
    } catch (error) {
      if (!(error instanceof DomainError) || (error.kind !== 'invalid' && error.kind !== 'rate_limited')) throw error;
      return error.kind === 'invalid'
        ? requestForm(reply, lang, email, [{ field: 'email', message: COPY[lang].invalidEmail }], 422)
        : requestForm(reply, lang, email, [{ field: 'form', message: COPY[lang].throttled }], 429);
    }
    return page(reply, lang, messagePage(COPY[lang].sentTitle, COPY[lang].sent, { href: link('/login', {}, lang), label: COPY[lang].login }));
  });

  app.get<TokenParams>(`${PASSWORD_RESET_PATH}/:token`, async (request, reply) => {
    const lang = langOf(paramsOf(request.query).lang);
    const { token } = request.params;
    return (await passwordResetLinkIsValid(db, token)) ? passwordForm(reply, lang, token) : invalidLink(reply, lang);
  });

  app.post<TokenParams>(`${PASSWORD_RESET_PATH}/:token`, async (request, reply) => {
    const values = paramsOf(request.body);
    const lang = langOf(values.lang);
    const { token } = request.params;
    try {
      await resetPassword(db, { token, password: values.password ?? '' });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.kind === 'not_found') return invalidLink(reply, lang);
      if (error.kind !== 'invalid') throw error;
      // a wrong password only shows the form again while the link still works
      if (!(await passwordResetLinkIsValid(db, token))) return invalidLink(reply, lang);
      return passwordForm(reply, lang, token, [{ field: 'password', message: COPY[lang].passwordRule }], 422);
    }
    request.log.info('member password reset');
    return page(reply, lang, messagePage(COPY[lang].doneTitle, COPY[lang].done, { href: link('/login', {}, lang), label: COPY[lang].login }));
  });
}
