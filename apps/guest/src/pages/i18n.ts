/**
 * Every UI string of the guest pages, in Japanese (the default) and English. Pages pick a
 * language from the `lang` query parameter or form field only, never from a cookie or
 * Accept-Language, so one URL always renders the same page and edge caches stay correct.
 */
import type { ReservationStatus } from '@hatago/booking';
import { ACCOUNT_JA_MESSAGES, accountEn, accountJa } from './account-i18n.ts';
import { DINING_JA_MESSAGES, diningEn, diningJa } from './dining-i18n.ts';
import { legalEn, legalJa } from './legal-i18n.ts';
import { reservationEn, reservationJa } from './reservation-i18n.ts';
import { searchEn, searchJa } from './search-i18n.ts';
import { showcaseEn, showcaseJa } from './showcase-i18n.ts';
import { STAY_BOOKING_JA_MESSAGES, stayBookingEn, stayBookingJa } from './stay-booking-i18n.ts';

export { OCCASIONS } from './dining-i18n.ts';

export type Lang = 'ja' | 'en';

export const DEFAULT_LANG: Lang = 'ja';

export const langOf = (value: unknown): Lang => (value === 'en' ? 'en' : value === 'ja' ? 'ja' : DEFAULT_LANG);

const ja = {
  siteTitle: 'Hatago — 日本の上質な宿',
  bannersLabel: 'おすすめ',
  previewExpired: 'このプレビューのリンクは無効か期限切れです。運用コンソールから開き直してください。',
  navLookup: '予約の確認・キャンセル',
  navAccount: 'マイアカウント',
  navSwitchLang: 'English',
  navLogout: 'ログアウト',
  findStay: '宿を探す',
  area: 'エリア',
  anyArea: 'すべてのエリア',
  unknownArea: '指定のエリアはありません',
  checkin: 'チェックイン',
  checkout: 'チェックアウト',
  nights: '泊数',
  guests: '人数',
  rooms: '室数',
  search: '検索',
  previous: '前へ',
  next: '次へ',
  pageOf: (page: number, pages: number) => `${page} / ${pages} ページ`,
  changeStay: '日程・人数を変更',
  checkinTime: 'チェックイン時刻',
  checkoutTime: 'チェックアウト時刻',
  address: '住所',
  roomsAndPlans: '客室とプラン',
  capacity: (n: number) => `定員${n}名`,
  size: (sqm: number) => `${sqm}㎡`,
  roomsLeft: (n: number) => `残り${n}室`,
  soldOutShort: '満室',
  tooSmall: 'この人数・室数ではご利用いただけません',
  notOnSale: 'この日程では販売していません',
  book: '予約する',
  meals: { room_only: '食事なし', breakfast: '朝食付き', half_board: '朝食・夕食付き' } as Record<string, string>,
  cancelPolicy: (days: number, percent: number) =>
    days > 0 ? `チェックイン${days}日前までキャンセル無料、以降は料金の${percent}%` : `キャンセル料は料金の${percent}%`,
  calendar: '空室カレンダー',
  calendarLegend: '○ 空室あり　△ 残りわずか（3室以下）　× 満室・販売なし。金額はご指定の人数・室数で泊まる1泊分の最安値です。日付を選ぶとその日のチェックインで料金を表示します。',
  calendarMarks: { open: '空室あり', few: '残りわずか', full: '満室・販売なし' },
  weekdays: ['日', '月', '火', '水', '木', '金', '土'],
  monthTitle: (year: number, month: number) => `${year}年${month}月`,
  notFoundTitle: 'ページが見つかりません',
  hotelNotFound: 'お探しの宿は見つかりませんでした。',
  photos: '写真',
  backToStart: 'トップページへ戻る',
  bookingTitle: 'ご予約',
  yourStay: 'ご予約内容',
  hotel: '宿',
  roomType: '客室',
  plan: 'プラン',
  nightlyPrices: '1泊ごとの料金',
  total: '合計金額',
  cancellationPolicy: 'キャンセルポリシー',
  guestDetails: '宿泊者情報',
  name: 'お名前（漢字・かな）',
  nameLatin: 'お名前（ローマ字）',
  email: 'メールアドレス',
  phone: '電話番号',
  password: 'パスワード',
  toConfirm: '確認画面へ',
  loginToPrefill: 'ログインすると会員情報が入力されます',
  verifyToBookAsMember: 'メールアドレスの確認がお済みでないため、このご予約は会員ページには表示されません。登録時にお送りしたメールのリンクを開いてください。',
  confirmTitle: 'ご予約内容の確認',
  confirmBooking: '予約を確定する',
  priceChanged: 'お手続きの間に料金が変わりました。新しい合計金額をご確認のうえ、もう一度確定してください。',
  tooManyBookings: '短時間に予約のお手続きが続いたため、受け付けられませんでした。1分ほどおいてから、もう一度確定してください。',
  editDetails: '修正する',
  bookingUnavailable: 'このプランは予約できません',
  soldOutTitle: '満室になりました',
  soldOutText: '申し訳ありません。お手続きの間にこの日程の客室が満室になりました。別の日程やプランをお選びください。',
  backToHotel: '宿のページへ戻る',
  confirmationTitle: 'ご予約が確定しました',
  confirmationText: '確認メールをお送りしました。予約番号は予約の確認・キャンセルに必要です。',
  reservationCode: '予約番号',
  status: '状態',
  stayStatus: { confirmed: '予約確定', checked_in: 'チェックイン済み', checked_out: 'チェックアウト済み', no_show: 'ご来館なし（ノーショー）', cancelled: 'キャンセル済み' } as Record<ReservationStatus, string>,
  lookupTitle: '予約の確認・キャンセル',
  lookupText: '予約番号とご予約時のメールアドレスを入力してください。',
  lookup: '予約を確認する',
  lookupNotFound: '予約番号とメールアドレスに一致する予約はありません。',
  lookupThrottled: '短時間に照会が続いたため、受け付けられませんでした。15分ほどおいてから、もう一度お試しください。',
  reservationTitle: 'ご予約の詳細',
  cancelFeeToday: '本日キャンセルした場合のキャンセル料',
  refund: '返金額',
  freeUntil: (date: string) => `${date}までキャンセル無料`,
  cancelReservation: '予約をキャンセルする',
  cancelNeedsConfirm: 'キャンセル料をご確認のうえ、「予約をキャンセルする」ボタンを押してください。',
  cannotCancelStarted: 'ご宿泊が始まっているため、オンラインではキャンセルできません。サポートへご連絡ください。',
  cancelledTitle: '予約をキャンセルしました',
  feeCharged: 'お支払いいただくキャンセル料',
  signupTitle: '会員登録',
  signup: '登録する',
  signupLink: '会員登録はこちら',
  passwordHint: (min: number) => `${min}文字以上`,
  loginTitle: 'ログイン',
  login: 'ログイン',
  accountTitle: 'マイアカウント',
  welcome: (name: string) => `${name} 様`,
  yourReservations: 'ご予約一覧',
  details: '詳細・キャンセル',
  ...diningJa,
  ...searchJa,
  ...showcaseJa,
  ...reservationJa,
  ...stayBookingJa,
  ...accountJa,
  ...legalJa,
};

type Dictionary = typeof ja;

const en: Dictionary = {
  siteTitle: 'Hatago — luxury hotels in Japan',
  bannersLabel: 'Featured',
  previewExpired: 'This preview link is invalid or has expired: open it again from the operator console.',
  navLookup: 'Find or cancel a booking',
  navAccount: 'My account',
  navSwitchLang: '日本語',
  navLogout: 'Log out',
  findStay: 'Find a stay',
  area: 'Area',
  anyArea: 'All areas',
  unknownArea: 'There is no such area',
  checkin: 'Check-in',
  checkout: 'Check-out',
  nights: 'Nights',
  guests: 'Guests',
  rooms: 'Rooms',
  search: 'Search',
  previous: 'Previous',
  next: 'Next',
  pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
  changeStay: 'Change dates or guests',
  checkinTime: 'Check-in from',
  checkoutTime: 'Check-out by',
  address: 'Address',
  roomsAndPlans: 'Rooms and plans',
  capacity: (n: number) => `Up to ${n} ${n === 1 ? 'guest' : 'guests'}`,
  size: (sqm: number) => `${sqm} m²`,
  roomsLeft: (n: number) => `${n} ${n === 1 ? 'room' : 'rooms'} left`,
  soldOutShort: 'Sold out',
  tooSmall: 'Not available for this party size and number of rooms',
  notOnSale: 'Not sold for these dates',
  book: 'Book',
  meals: { room_only: 'Room only', breakfast: 'Breakfast included', half_board: 'Breakfast and dinner' },
  cancelPolicy: (days: number, percent: number) =>
    days > 0
      ? `Free cancellation until ${days} ${days === 1 ? 'day' : 'days'} before check-in, then ${percent}% of the price`
      : `Cancellation fee: ${percent}% of the price`,
  calendar: 'Availability calendar',
  calendarLegend: '○ rooms available · △ few left (3 or fewer) · × sold out or not on sale. Each price is the lowest for one night for your party and rooms. Pick a day to see prices for that check-in.',
  calendarMarks: { open: 'rooms available', few: 'few left', full: 'sold out or not on sale' },
  weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  monthTitle: (year: number, month: number) =>
    `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1]} ${year}`,
  notFoundTitle: 'We could not find that page',
  hotelNotFound: 'We could not find the hotel you are looking for.',
  photos: 'Photos',
  backToStart: 'Back to the start',
  bookingTitle: 'Book your stay',
  yourStay: 'Your stay',
  hotel: 'Hotel',
  roomType: 'Room',
  plan: 'Plan',
  nightlyPrices: 'Price per night',
  total: 'Total',
  cancellationPolicy: 'Cancellation policy',
  guestDetails: 'Guest details',
  name: 'Full name',
  nameLatin: 'Full name in Latin letters',
  email: 'Email',
  phone: 'Phone',
  password: 'Password',
  toConfirm: 'Review booking',
  loginToPrefill: 'Log in to fill in your member details',
  verifyToBookAsMember: 'Your email address is not confirmed yet, so this booking will not appear in your account. Open the link in the mail we sent when you signed up.',
  confirmTitle: 'Check your booking',
  confirmBooking: 'Confirm booking',
  priceChanged: 'The price changed while you were booking. Check the new total and confirm again.',
  tooManyBookings: 'Too many booking attempts from your address in a short time. Wait a minute, then confirm again.',
  editDetails: 'Edit details',
  bookingUnavailable: 'This plan cannot be booked',
  soldOutTitle: 'Sold out',
  soldOutText: 'Sorry, the last rooms for these dates were booked while you were completing your booking. Please choose other dates or another plan.',
  backToHotel: 'Back to the hotel',
  confirmationTitle: 'Your booking is confirmed',
  confirmationText: 'We have sent you a confirmation email. Keep the reservation code: you need it to look up or cancel your booking.',
  reservationCode: 'Reservation code',
  status: 'Status',
  stayStatus: { confirmed: 'Confirmed', checked_in: 'Checked in', checked_out: 'Checked out', no_show: 'No-show (you did not arrive)', cancelled: 'Cancelled' },
  lookupTitle: 'Find or cancel a booking',
  lookupText: 'Enter your reservation code and the email you booked with.',
  lookup: 'Find booking',
  lookupNotFound: 'No reservation matches this code and email.',
  lookupThrottled: 'Too many tries in a short time. Wait 15 minutes, then try again.',
  reservationTitle: 'Your reservation',
  cancelFeeToday: 'Cancellation fee if you cancel today',
  refund: 'Refund',
  freeUntil: (date: string) => `Free cancellation until ${date}`,
  cancelReservation: 'Cancel reservation',
  cancelNeedsConfirm: 'Check the cancellation fee, then press "Cancel reservation" to confirm.',
  cannotCancelStarted: 'This stay has started, so it cannot be cancelled online. Please contact support.',
  cancelledTitle: 'Your reservation is cancelled',
  feeCharged: 'Cancellation fee charged',
  signupTitle: 'Create an account',
  signup: 'Create account',
  signupLink: 'Create an account',
  passwordHint: (min: number) => `At least ${min} characters`,
  loginTitle: 'Log in',
  login: 'Log in',
  accountTitle: 'My account',
  welcome: (name: string) => `Welcome, ${name}`,
  yourReservations: 'Your reservations',
  details: 'Details and cancellation',
  ...diningEn,
  ...searchEn,
  ...showcaseEn,
  ...reservationEn,
  ...stayBookingEn,
  ...accountEn,
  ...legalEn,
};

const DICTIONARIES: Record<Lang, Dictionary> = { ja, en };

export const t = (lang: Lang): Dictionary => DICTIONARIES[lang];

/** Both dictionaries, for the test that checks every string exists in each. */
export const dictionaries = (): Readonly<Record<Lang, Dictionary>> => DICTIONARIES;

/** The Japanese translations of domain messages, for the same test. */
export const japaneseDomainMessages = (): Readonly<Record<string, string>> => JA_DOMAIN_MESSAGES;

/**
 * Domain modules report problems in English. The messages guests meet most often on forms
 * are translated here; anything else is shown as the domain wrote it rather than hidden.
 */
const JA_DOMAIN_MESSAGES: Record<string, string> = {
  ...DINING_JA_MESSAGES,
  ...ACCOUNT_JA_MESSAGES,
  ...STAY_BOOKING_JA_MESSAGES,
  'Enter a check-in date as YYYY-MM-DD': 'チェックイン日を YYYY-MM-DD の形式で入力してください',
  'Check-in cannot be in the past': 'チェックイン日に過去の日付は指定できません',
  'Check-in must be within 365 days': 'チェックイン日は365日以内で指定してください',
  'Nights must be between 1 and 14': '泊数は1〜14泊で指定してください',
  'Guests must be between 1 and 8': '人数は1〜8名で指定してください',
  'Rooms must be between 1 and 4': '室数は1〜4室で指定してください',
  'Each room needs at least one guest': '室数は人数以下で指定してください',
  'Enter a price in whole yen, up to 100,000,000': '料金は1億円までの整数（円）で入力してください',
  'The highest price must not be below the lowest': '上限は下限以上の金額で入力してください',
  'Stars must be 1 to 5': '星の数は1〜5で指定してください',
  'Choose meals from room_only, breakfast or half_board': '食事は一覧から選んでください',
  'Choose amenities from the list': '施設・サービスは一覧から選んでください',
  'Choose a plan': 'プランを選んでください',
  'Enter the guest name': 'お名前を入力してください',
  'Name must be at most 100 characters': 'お名前は100文字以内で入力してください',
  'Name contains characters that are not allowed': 'お名前に使用できない文字が含まれています',
  'Enter the name in Latin letters': 'お名前をローマ字で入力してください',
  'Use Latin letters, spaces, hyphens and apostrophes': 'ローマ字・スペース・ハイフン・アポストロフィのみ使用できます',
  'Enter a valid email address': '正しいメールアドレスを入力してください',
  'Enter a phone number of digits, spaces or hyphens': '電話番号を数字・スペース・ハイフンで入力してください',
  'Use 10 to 200 characters': '10〜200文字で入力してください',
  'The email or password is wrong': 'メールアドレスまたはパスワードが正しくありません',
  'Too many failed logins. Try again in 15 minutes.': 'ログインの失敗が続いたため、15分間ログインできません。時間をおいてお試しください。',
  'This account has had too many failed logins. Sign in from a device you used before, or reset your password.':
    'このアカウントへのログイン失敗が続いています。以前ログインした端末からログインするか、パスワードを再設定してください。',
  'Too many sign-ups from this address. Try again in 15 minutes.': 'この接続元からの登録が多すぎます。15分ほどおいてお試しください。',
  'This plan is not sold for these dates': 'このプランはこの日程では販売していません',
  'This plan has no price for every night of the stay': 'このプランはご宿泊の全日程では販売していません',
  'This stay is shorter than the minimum stay for this arrival date': 'このチェックイン日のご宿泊には最低泊数があります。泊数を増やしてください',
  'This room takes no arrivals on the check-in date': 'このお部屋はこの日のチェックインを受け付けていません',
  'This room takes no departures on the check-out date': 'このお部屋はこの日のチェックアウトを受け付けていません',
  'This stay has started; contact support to cancel': 'ご宿泊が始まっているため、キャンセルはサポートへご連絡ください',
};

/** A plan's name with what it includes to eat, unless the name already says exactly that. */
export function planLabel(lang: Lang, planName: string, meals: string): string {
  const included = DICTIONARIES[lang].meals[meals] ?? meals;
  return included === planName ? planName : `${planName} (${included})`;
}

export function localise(lang: Lang, message: string): string {
  return lang === 'ja' ? (JA_DOMAIN_MESSAGES[message] ?? message) : message;
}
