import { Type } from '@sinclair/typebox';
import { emailTemplate, renderLinkMail } from '@hatago/mail';

const COPY = {
  ja: {
    subject: '【Hatago】メールアドレスの確認',
    heading: 'メールアドレスの確認',
    intro: (name: string, hours: number) => `${name} 様、Hatago へのご登録ありがとうございます。${hours}時間以内に以下のリンクを開いて、メールアドレスを確認してください。確認後、会員として予約できます。`,
    button: 'メールアドレスを確認する',
    ignore: 'お心当たりのない場合は、このメールを破棄してください。',
  },
  en: {
    subject: 'Confirm your Hatago email address',
    heading: 'Confirm your email address',
    intro: (name: string, hours: number) => `Dear ${name}, thank you for joining Hatago. Open the link below within ${hours} hours to confirm your address; then you can book as a member.`,
    button: 'Confirm my address',
    ignore: 'If you did not sign up, ignore this message.',
  },
} as const;

/** Sent at sign-up to a new address: the member can hold reservations once they follow it. */
export const memberVerifyEmail = emailTemplate({
  name: 'member-verify-email',
  // whoever holds the link can confirm the address: support staff never read it
  secretBody: true,
  params: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    verifyUrl: Type.String({ pattern: '^https?://[^\\s<>"]+$', maxLength: 2000 }),
    expiresInHours: Type.Integer({ minimum: 1, maximum: 720 }),
  }),
  render({ name, verifyUrl, expiresInHours }, locale) {
    const c = COPY[locale];
    return renderLinkMail(locale, { ...c, intro: c.intro(name, expiresInHours) }, verifyUrl);
  },
});
