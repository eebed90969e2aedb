import { Type } from '@sinclair/typebox';
import { emailTemplate, renderParagraphMail } from '@hatago/mail';

const COPY = {
  ja: {
    subject: '【Hatago】会員登録のお申し込みについて',
    heading: 'このアドレスは登録済みです',
    body: (name: string) =>
      `${name} 様、このメールアドレスで Hatago への会員登録のお申し込みがありましたが、このアドレスはすでに登録されています。ログインするか、パスワードをお忘れの場合は再設定してください。お心当たりのない場合は、このメールを破棄してください。`,
  },
  en: {
    subject: 'Someone tried to sign up to Hatago with your address',
    heading: 'You already have an account',
    body: (name: string) =>
      `Dear ${name}, someone tried to sign up to Hatago with this address, which already has an account. Log in, or reset your password if you forgot it. If it was not you, ignore this message.`,
  },
} as const;

/**
 * Sent instead of a verification link when a sign-up names a registered address: the sign-up
 * page answers the same either way, and only the owner of the address learns which it was.
 */
export const signUpAttempted = emailTemplate({
  name: 'sign-up-attempted',
  params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
  render({ name }, locale) {
    const c = COPY[locale];
    return renderParagraphMail(locale, { ...c, body: c.body(name) });
  },
});
