import { Type } from '@sinclair/typebox';
import { emailTemplate, renderParagraphMail } from '@hatago/mail';

const COPY = {
  ja: {
    subject: '【Hatago】パスワードが変更されました',
    heading: 'パスワードが変更されました',
    body: (name: string) =>
      `${name} 様、Hatago アカウントのパスワードが変更されました。変更した端末以外では、すべてログアウトしています。お心当たりのない場合は、ログイン画面の「パスワードをお忘れの方」からすぐにパスワードを再設定してください。`,
  },
  en: {
    subject: 'Your Hatago password was changed',
    heading: 'Your password was changed',
    body: (name: string) =>
      `Dear ${name}, the password of your Hatago account was changed, and every other device was signed out. If this was not you, reset your password at once from the login page ("Forgot your password?").`,
  },
} as const;

/**
 * Sent after a member changes their password from their account: if someone else did it
 * with a stolen session, the owner learns of it and can take the account back by a reset.
 */
export const passwordChanged = emailTemplate({
  name: 'password-changed',
  params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
  render({ name }, locale) {
    const c = COPY[locale];
    return renderParagraphMail(locale, { ...c, body: c.body(name) });
  },
});
