import { EMAIL_VERIFICATION } from '@hatago/identity';
import type { Lang } from './i18n.ts';
import { type GuestPage, link, messagePage } from './page-kit.ts';

export const VERIFY_PATH = '/signup/verify';

const COPY = {
  ja: {
    title: '会員登録',
    sentTitle: 'メールをご確認ください',
    sent: `ご入力のアドレスにメールをお送りしました。メール内のリンク（有効期限${EMAIL_VERIFICATION.expiresInHours}時間）を開いて登録を完了してください。アドレスの確認が済むまで、会員としてのご予約はできません。`,
    verifiedTitle: 'メールアドレスを確認しました',
    verified: '会員としてご予約いただけます。ログインしてください。',
    invalidTitle: 'リンクが無効です',
    invalid: 'このリンクは無効か、使用済みか、有効期限が切れています。同じアドレスでもう一度ご登録いただくと、新しいリンクをお送りします。',
    login: 'ログインへ',
    signup: '会員登録へ',
  },
  en: {
    title: 'Sign up',
    sentTitle: 'Check your mailbox',
    sent: `We have sent a mail to the address you gave. Open its link (valid for ${EMAIL_VERIFICATION.expiresInHours} hours) to finish signing up. Until the address is confirmed you cannot book as a member.`,
    verifiedTitle: 'Your address is confirmed',
    verified: 'You can now book as a member. Please log in.',
    invalidTitle: 'This link does not work',
    invalid: 'The link is invalid, used or expired. Sign up again with the same address and we will send a new one.',
    login: 'Log in',
    signup: 'Sign up',
  },
} as const;

const signUpMessage = (lang: Lang, heading: string, message: string, back: { href: string; label: string }, status = 200): GuestPage => ({
  lang,
  title: COPY[lang].title,
  cache: 'private',
  status,
  body: messagePage(heading, message, back),
});

/** The one answer to every accepted sign-up, whether or not the address was registered. */
export const signUpSentPage = (lang: Lang): GuestPage => signUpMessage(lang, COPY[lang].sentTitle, COPY[lang].sent, { href: link('/login', {}, lang), label: COPY[lang].login });

export const emailVerifiedPage = (lang: Lang): GuestPage =>
  signUpMessage(lang, COPY[lang].verifiedTitle, COPY[lang].verified, { href: link('/login', {}, lang), label: COPY[lang].login });

export const verifyLinkInvalidPage = (lang: Lang): GuestPage =>
  signUpMessage(lang, COPY[lang].invalidTitle, COPY[lang].invalid, { href: link('/signup', {}, lang), label: COPY[lang].signup }, 410);
