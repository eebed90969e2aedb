import { Type } from '@sinclair/typebox';
import { html } from '@hatago/platform/html';
import { emailTemplate, mailLayout, textLayout } from '@hatago/mail';

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
    const intro = c.intro(name, expiresInHours);
    return {
      subject: c.subject,
      html: mailLayout(
        locale,
        c.heading,
        html`<p>${intro}</p>
<p><a href="${verifyUrl}" style="display:inline-block;padding:12px 24px;background:#8a6d3b;color:#ffffff;text-decoration:none">${c.button}</a></p>
<p style="font-size:12px;word-break:break-all">${verifyUrl}</p>
<p>${c.ignore}</p>`,
      ),
      text: textLayout(locale, c.heading, `${intro}\n\n${verifyUrl}\n\n${c.ignore}`),
    };
  },
});
