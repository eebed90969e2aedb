import { privacyEn, privacyJa } from './privacy-i18n.ts';
import { termsEn, termsJa } from './terms-i18n.ts';

/** The terms of use and privacy policy, and the words that link to them; merged into the one dictionary in i18n.ts. */
export const legalJa = {
  terms: termsJa,
  privacy: privacyJa,
  articleNumber: (n: number) => `第${n}条`,
  termsLink: '利用規約',
  privacyLink: 'プライバシーポリシー',
  footerLinksLabel: 'サイトについて',
  agreeBySigningUp: '登録すると、利用規約とプライバシーポリシーに同意したものとみなされます。',
  agreeByBookingTable: 'ご予約を確定すると、利用規約とプライバシーポリシーに同意したものとみなされます。',
};

export const legalEn: typeof legalJa = {
  terms: termsEn,
  privacy: privacyEn,
  articleNumber: (n: number) => `${n}.`,
  termsLink: 'Terms of use',
  privacyLink: 'Privacy policy',
  footerLinksLabel: 'About this site',
  agreeBySigningUp: 'By signing up you accept the terms of use and the privacy policy.',
  agreeByBookingTable: 'By confirming the booking you accept the terms of use and the privacy policy.',
};
