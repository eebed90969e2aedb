import { PASSWORD_RESET, PASSWORD_RULES } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert } from '@hatago/web-kit';
import type { Lang } from './i18n.ts';
import { type GuestPage, langField, link, messagePage } from './page-kit.ts';

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

/** The way in from the login form. */
export const forgotPasswordLink = (lang: Lang): SafeHtml => html`<p><a href="${link(PASSWORD_RESET_PATH, {}, lang)}">${COPY[lang].forgot}</a></p>`;

const resetPage = (lang: Lang, body: SafeHtml, status = 200): GuestPage => ({ lang, title: COPY[lang].title, cache: 'private', status, body });

/** Why the request form is shown again, with the status it answers with. */
const REQUEST_PROBLEMS = {
  invalidEmail: { field: 'email', status: 422 },
  throttled: { field: 'form', status: 429 },
} as const;

export function requestFormPage(lang: Lang, email: string, problem?: keyof typeof REQUEST_PROBLEMS): GuestPage {
  const errors: FieldError[] = problem ? [{ field: REQUEST_PROBLEMS[problem].field, message: COPY[lang][problem] }] : [];
  return resetPage(
    lang,
    html`<h1>${COPY[lang].title}</h1>
<p>${COPY[lang].intro}</p>
${formAlert(errors, ['email'])}
<form class="stack" method="post" action="${PASSWORD_RESET_PATH}">
  ${field({ name: 'email', label: COPY[lang].email, type: 'email', value: email, required: true, attrs: { autocomplete: 'email' } }, errors)}
  ${langField(lang)}
  <button type="submit">${COPY[lang].send}</button>
</form>`,
    problem ? REQUEST_PROBLEMS[problem].status : 200,
  );
}

/** The new-password form behind a working link; `rejected` when the password broke the rules. */
export function passwordFormPage(lang: Lang, token: string, rejected = false): GuestPage {
  const errors: FieldError[] = rejected ? [{ field: 'password', message: COPY[lang].passwordRule }] : [];
  return resetPage(
    lang,
    html`<h1>${COPY[lang].title}</h1>
${formAlert(errors, ['password'])}
<form class="stack" method="post" action="${PASSWORD_RESET_PATH}/${token}">
  ${field({ name: 'password', label: COPY[lang].newPassword, type: 'password', required: true, attrs: { autocomplete: 'new-password' } }, errors)}
  ${langField(lang)}
  <button type="submit">${COPY[lang].save}</button>
</form>`,
    rejected ? 422 : 200,
  );
}

export const invalidLinkPage = (lang: Lang): GuestPage =>
  resetPage(lang, messagePage(COPY[lang].invalidTitle, COPY[lang].invalid, { href: link(PASSWORD_RESET_PATH, {}, lang), label: COPY[lang].again }), 410);

/** Shown whether or not the address belongs to a member, so the answer reveals nothing. */
export const linkSentPage = (lang: Lang): GuestPage =>
  resetPage(lang, messagePage(COPY[lang].sentTitle, COPY[lang].sent, { href: link('/login', {}, lang), label: COPY[lang].login }));

export const passwordChangedPage = (lang: Lang): GuestPage =>
  resetPage(lang, messagePage(COPY[lang].doneTitle, COPY[lang].done, { href: link('/login', {}, lang), label: COPY[lang].login }));
