import { Type } from '@sinclair/typebox';
import { emailTemplate, renderLinkMail } from '@hatago/mail';

const COPY = {
  ja: {
    subject: '【Hatago】パスワード再設定のご案内',
    heading: 'パスワードの再設定',
    intro: (name: string, minutes: number) => `${name} 様、以下のリンクから${minutes}分以内に新しいパスワードを設定してください。`,
    button: 'パスワードを再設定する',
    ignore: 'お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。',
  },
  en: {
    subject: 'Reset your Hatago password',
    heading: 'Reset your password',
    intro: (name: string, minutes: number) => `Dear ${name}, use the link below within ${minutes} minutes to choose a new password.`,
    button: 'Choose a new password',
    ignore: 'If you did not ask for this, ignore this message: your password stays as it is.',
  },
} as const;

export const passwordReset = emailTemplate({
  name: 'password-reset',
  // the link signs its holder in: support staff never read it
  secretBody: true,
  params: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    // only our own https links (http for a local platform) may appear in a mail that asks for a password
    resetUrl: Type.String({ pattern: '^https?://[^\\s<>"]+$', maxLength: 2000 }),
    expiresInMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  }),
  render({ name, resetUrl, expiresInMinutes }, locale) {
    const c = COPY[locale];
    return renderLinkMail(locale, { ...c, intro: c.intro(name, expiresInMinutes) }, resetUrl);
  },
});
