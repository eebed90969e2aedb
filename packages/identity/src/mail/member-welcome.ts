import { Type } from '@sinclair/typebox';
import { emailTemplate, renderParagraphMail } from '@hatago/mail';

const COPY = {
  ja: {
    subject: '【Hatago】会員登録ありがとうございます',
    heading: 'Hatago へようこそ',
    body: (name: string) => `${name} 様、Hatago の会員登録が完了しました。会員ページから予約の確認や変更ができます。`,
  },
  en: {
    subject: 'Welcome to Hatago',
    heading: 'Welcome to Hatago',
    body: (name: string) => `Dear ${name}, your Hatago membership is ready. Your reservations are waiting for you in your member page.`,
  },
} as const;

export const memberWelcome = emailTemplate({
  name: 'member-welcome',
  params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
  render({ name }, locale) {
    const c = COPY[locale];
    return renderParagraphMail(locale, { ...c, body: c.body(name) });
  },
});
