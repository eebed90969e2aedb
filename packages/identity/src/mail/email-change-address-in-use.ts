import { Type } from '@sinclair/typebox';
import { emailTemplate, renderParagraphMail } from '@hatago/mail';

const COPY = {
  ja: {
    subject: '【Hatago】メールアドレス変更のお申し込みについて',
    heading: 'このアドレスは登録済みです',
    body: (name: string) =>
      `${name} 様、別の Hatago アカウントのメールアドレスをこのアドレスへ変更するお申し込みがありましたが、このアドレスはすでに登録されているため、変更は行われません。お心当たりのない場合は、このメールを破棄してください。`,
  },
  en: {
    subject: 'Someone tried to move a Hatago account to your address',
    heading: 'You already have an account',
    body: (name: string) =>
      `Dear ${name}, someone asked to change the address of another Hatago account to this one. This address already has an account, so nothing was changed. If it was not you, ignore this message.`,
  },
} as const;

/**
 * Sent instead of a confirmation link when a member asks to move to an address another
 * member holds: the form answers the same either way, and only the owner of the address
 * learns which it was, as at sign-up.
 */
export const emailChangeAddressInUse = emailTemplate({
  name: 'email-change-address-in-use',
  params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
  render({ name }, locale) {
    const c = COPY[locale];
    return renderParagraphMail(locale, { ...c, body: c.body(name) });
  },
});
