import { Type } from '@sinclair/typebox';
import { emailTemplate, renderParagraphMail } from '@hatago/mail';

const COPY = {
  ja: {
    subject: '【Hatago】メールアドレス変更のお申し込み',
    heading: 'メールアドレス変更のお申し込みがありました',
    body: (name: string, newEmail: string, hours: number) =>
      `${name} 様、Hatago アカウントのメールアドレスを ${newEmail} へ変更するお申し込みがありました。新しいアドレスへ送ったリンクが${hours}時間以内に開かれると、変更が完了します。お心当たりのない場合は、ログインしてパスワードを変更してください。リンクが開かれなければ、アドレスは変更されません。`,
  },
  en: {
    subject: 'A change of your Hatago email address was requested',
    heading: 'A change of your email address was requested',
    body: (name: string, newEmail: string, hours: number) =>
      `Dear ${name}, someone signed in to your Hatago account asked to change its email address to ${newEmail}. The change happens only if the link we sent there is opened within ${hours} hours. If this was not you, sign in and change your password; unless the link is opened, your address stays as it is.`,
  },
} as const;

/** Sent to the member's current address when a change is asked for: a stolen session cannot move the account away unseen. */
export const emailChangeRequested = emailTemplate({
  name: 'email-change-requested',
  params: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    newEmail: Type.String({ minLength: 3, maxLength: 254 }),
    expiresInHours: Type.Integer({ minimum: 1, maximum: 720 }),
  }),
  render({ name, newEmail, expiresInHours }, locale) {
    const c = COPY[locale];
    return renderParagraphMail(locale, { ...c, body: c.body(name, newEmail, expiresInHours) });
  },
});
