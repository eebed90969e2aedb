import { Type } from '@sinclair/typebox';
import { emailTemplate, renderLinkMail } from '@hatago/mail';

const COPY = {
  ja: {
    subject: '【Hatago】新しいメールアドレスの確認',
    heading: '新しいメールアドレスの確認',
    intro: (name: string, hours: number) =>
      `${name} 様、Hatago アカウントのメールアドレスをこのアドレスへ変更するお申し込みを承りました。${hours}時間以内に以下のリンクを開くと変更が完了し、以後のご連絡とログインにはこのアドレスを使います。`,
    button: 'メールアドレスを変更する',
    ignore: 'お心当たりのない場合は、このメールを破棄してください。アドレスは変更されません。',
  },
  en: {
    subject: 'Confirm your new Hatago email address',
    heading: 'Confirm your new email address',
    intro: (name: string, hours: number) =>
      `Dear ${name}, you asked to move your Hatago account to this address. Open the link below within ${hours} hours to finish: from then on you sign in with this address and we write to it.`,
    button: 'Change my address',
    ignore: 'If you did not ask for this, ignore this message: nothing changes.',
  },
} as const;

/** Sent to the new address a member asked to move to: the address changes only when the link is opened. */
export const emailChangeConfirm = emailTemplate({
  name: 'email-change-confirm',
  // whoever holds the link can take the address over: support staff never read it
  secretBody: true,
  params: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    confirmUrl: Type.String({ pattern: '^https?://[^\\s<>"]+$', maxLength: 2000 }),
    expiresInHours: Type.Integer({ minimum: 1, maximum: 720 }),
  }),
  render({ name, confirmUrl, expiresInHours }, locale) {
    const c = COPY[locale];
    return renderLinkMail(locale, { ...c, intro: c.intro(name, expiresInHours) }, confirmUrl);
  },
});
