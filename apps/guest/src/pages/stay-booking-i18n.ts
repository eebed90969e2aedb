import type { GuaranteeStatus } from '@hatago/booking';

/**
 * What the stay booking form and a stay's pages say about the party, arrival, requests,
 * consent and payment; merged into the one dictionary in i18n.ts.
 */
export const stayBookingJa = {
  adults: '大人',
  children: '子ども',
  childrenHint: '子どもも客室の定員に数えます。',
  partyOf: (adults: number, children: number) => (children ? `大人${adults}名・子ども${children}名` : `大人${adults}名`),
  arrivalTime: 'チェックイン予定時刻',
  arrivalUndecided: '未定',
  stayRequests: 'ご要望（任意）',
  stayRequestsHint: (max: number) => `禁煙室、記念日など。${max}文字以内。ご希望に添えない場合もございます。`,
  acceptTerms: '利用規約とプライバシーポリシーに同意します',
  payment: 'お支払い',
  payAtHotel: '現地払い（ご宿泊時にホテルでお支払いください）',
  guaranteedBy: (card: string) => `${card}で保証`,
  /** Where the guarantee stands, by its status: `held` and `charged` are prices as the page writes them. */
  guaranteeState: {
    authorised: (held: string) => `${held}を仮押さえ中`,
    released: () => '仮押さえは解除済み・ご請求なし',
    captured: (_held: string, charged: string) => `${charged}をご請求済み`,
    capture_failed: () => 'カードへのご請求ができませんでした。ホテルよりご連絡いたします',
  } as Record<GuaranteeStatus, (held: string, charged: string) => string>,
  withState: (payment: string, state: string) => `${payment}（${state}）`,
  stayCardNote: (amount: string) =>
    `このプランはクレジットカードによる保証が必要です。${amount}をカードに仮押さえします。宿泊料金はホテルでお支払いいただき、キャンセル料・不泊料が生じた場合のみ請求されます。`,
};

export const stayBookingEn: typeof stayBookingJa = {
  adults: 'Adults',
  children: 'Children',
  childrenHint: 'Children count toward the room’s capacity.',
  partyOf: (adults: number, children: number) =>
    `${adults} ${adults === 1 ? 'adult' : 'adults'}${children ? `, ${children} ${children === 1 ? 'child' : 'children'}` : ''}`,
  arrivalTime: 'Estimated arrival time',
  arrivalUndecided: 'Not sure yet',
  stayRequests: 'Special requests (optional)',
  stayRequestsHint: (max: number) => `Non-smoking room, an anniversary… up to ${max} characters. The hotel will do its best but cannot promise.`,
  acceptTerms: 'I accept the terms of use and the privacy policy',
  payment: 'Payment',
  payAtHotel: 'Pay at the hotel when you stay',
  guaranteedBy: (card: string) => `Guaranteed by ${card}`,
  guaranteeState: {
    authorised: (held: string) => `${held} held on the card`,
    released: () => 'hold released, nothing charged',
    captured: (_held: string, charged: string) => `${charged} charged`,
    capture_failed: () => 'the card could not be charged; the hotel will contact you',
  },
  withState: (payment: string, state: string) => `${payment} (${state})`,
  stayCardNote: (amount: string) =>
    `This plan is booked with a card guarantee: we hold ${amount} on your card. You pay the stay at the hotel; the card is charged only if a cancellation or no-show fee falls due.`,
};

export const STAY_BOOKING_JA_MESSAGES: Record<string, string> = {
  'Enter at least 1 adult': '大人の人数を1名以上で入力してください',
  'Enter the number of children (0 or more)': '子どもの人数を0名以上で入力してください',
  'Choose an arrival time': 'チェックイン予定時刻を選んでください',
  "Choose an arrival time from the hotel's check-in time to 23:30": 'チェックイン予定時刻はホテルのチェックイン開始時刻から23:30までで選んでください',
  'Keep the requests to 500 characters': 'ご要望は500文字以内で入力してください',
  'Accept the terms of use and the privacy policy to book': 'ご予約には利用規約とプライバシーポリシーへの同意が必要です',
  'This plan is booked with a card guarantee; enter a card': 'このプランはクレジットカードによる保証が必要です。カード情報を入力してください',
};
