import { type Member, MEMBER_LANGUAGES, PASSWORD_RULES } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { field, formAlert, select } from '@hatago/web-kit';
import { type Lang, t } from './i18n.ts';
import { ACCOUNT_HOME, type GuestPage, langField, link } from './page-kit.ts';

export const PROFILE_PATH = '/account/profile';
export const EMAIL_PATH = '/account/email';
/** Where the link mailed to a new address leads: it needs no session, the link is the proof. */
export const EMAIL_CONFIRM_PATH = '/account/email/confirm';
export const PASSWORD_PATH = '/account/password';
export const SAVED_GUESTS_PATH = '/account/guests';

const SECTIONS = [
  { path: ACCOUNT_HOME, name: (lang: Lang) => t(lang).yourReservations },
  { path: PROFILE_PATH, name: (lang: Lang) => t(lang).profileTitle },
  { path: EMAIL_PATH, name: (lang: Lang) => t(lang).emailTitle },
  { path: PASSWORD_PATH, name: (lang: Lang) => t(lang).passwordTitle },
  { path: SAVED_GUESTS_PATH, name: (lang: Lang) => t(lang).savedGuestsTitle },
] as const;

export type AccountSection = (typeof SECTIONS)[number]['path'];

/** A form sent back with what was typed and what was wrong, or a page after a change with what it did. */
export interface AccountForm {
  values?: Record<string, string>;
  errors?: FieldError[];
  status?: number;
  /** Said once, after a change succeeded (PRG: the redirect's target shows it). */
  notice?: string;
}

/**
 * Every account page: private, signed in, the account's own menu under its heading, and
 * the language switch to the same page (`path`, without what a form or notice carried).
 */
export function accountPage(lang: Lang, page: { section: AccountSection; path: string; title: string; status?: number; notice?: string }, content: SafeHtml): GuestPage {
  const text = t(lang);
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  return {
    lang,
    title: page.title,
    cache: 'private',
    loggedIn: true,
    status: page.status,
    otherLang: link(page.path, {}, other),
    body: html`<h1>${page.title}</h1>
<nav class="account-menu" aria-label="${text.accountMenu}">${SECTIONS.map(
      (s) => html`<a href="${link(s.path, {}, lang)}"${s.path === page.section ? html` aria-current="page"` : ''}>${s.name(lang)}</a>`,
    )}</nav>
${page.notice ? html`<p class="notice" role="status">${page.notice}</p>` : ''}
${content}`,
  };
}

export function profilePage(lang: Lang, member: Member, form: AccountForm = {}): GuestPage {
  const text = t(lang);
  const errors = form.errors ?? [];
  const value = (name: 'name' | 'nameLatin' | 'phone' | 'preferredLang') => form.values?.[name] ?? member[name];
  return accountPage(
    lang,
    { section: PROFILE_PATH, path: PROFILE_PATH, title: text.profileTitle, status: form.status, notice: form.notice },
    html`<p>${text.profileIntro}</p>
<dl class="summary"><dt>${text.email}</dt><dd data-testid="profile-email">${member.email}</dd></dl>
${formAlert(errors, ['name', 'nameLatin', 'phone', 'preferredLang'])}
<form class="stack" method="post" action="${PROFILE_PATH}">
  ${field({ name: 'name', label: text.name, value: value('name'), required: true, attrs: { autocomplete: 'name' } }, errors)}
  ${field({ name: 'nameLatin', label: text.nameLatin, value: value('nameLatin'), required: true, attrs: { placeholder: 'Taro Yamada' } }, errors)}
  ${field({ name: 'phone', label: text.phone, type: 'tel', value: value('phone'), required: true, attrs: { autocomplete: 'tel' } }, errors)}
  ${select({ name: 'preferredLang', label: text.preferredLang, value: value('preferredLang'), options: MEMBER_LANGUAGES.map((l) => ({ value: l, label: text.langNames[l] })) }, errors)}
  ${langField(lang)}
  <button type="submit">${text.save}</button>
</form>`,
  );
}

/** The new address and the current password; what was typed is kept, the password never. */
export function emailChangePage(lang: Lang, member: Member, form: AccountForm = {}): GuestPage {
  const text = t(lang);
  const errors = form.errors ?? [];
  return accountPage(
    lang,
    { section: EMAIL_PATH, path: EMAIL_PATH, title: text.emailTitle, status: form.status, notice: form.notice },
    html`<p>${text.emailIntro}</p>
<dl class="summary"><dt>${text.currentEmail}</dt><dd data-testid="current-email">${member.email}</dd></dl>
${formAlert(errors, ['email', 'currentPassword'])}
<form class="stack" method="post" action="${EMAIL_PATH}">
  ${field({ name: 'email', label: text.newEmail, type: 'email', value: form.values?.email, required: true, attrs: { autocomplete: 'email' } }, errors)}
  ${field({ name: 'currentPassword', label: text.currentPassword, type: 'password', required: true, attrs: { autocomplete: 'current-password' } }, errors)}
  ${langField(lang)}
  <button type="submit">${text.sendEmailLink}</button>
</form>`,
  );
}

export function passwordPage(lang: Lang, form: AccountForm = {}): GuestPage {
  const text = t(lang);
  const errors = form.errors ?? [];
  return accountPage(
    lang,
    { section: PASSWORD_PATH, path: PASSWORD_PATH, title: text.passwordTitle, status: form.status, notice: form.notice },
    html`<p>${text.passwordIntro}</p>
${formAlert(errors, ['currentPassword', 'password'])}
<form class="stack" method="post" action="${PASSWORD_PATH}">
  ${field({ name: 'currentPassword', label: text.currentPassword, type: 'password', required: true, attrs: { autocomplete: 'current-password' } }, errors)}
  ${field(
    { name: 'password', label: `${text.newPassword} (${text.passwordHint(PASSWORD_RULES.min)})`, type: 'password', required: true, attrs: { autocomplete: 'new-password' } },
    errors,
  )}
  ${langField(lang)}
  <button type="submit">${text.changePassword}</button>
</form>`,
  );
}
