import type { LegalDocument } from './legal-document.ts';

/** The terms of use of the guest site, in Japanese (the version that prevails); merged into the dictionary by legal-i18n.ts. */
export const termsJa: LegalDocument = {
  title: '利用規約',
  effective: '2026年12月7日 制定',
  intro:
    'この利用規約（以下「本規約」）は、Hatago 運営事務局（以下「当社」）が提供する宿泊施設・レストランの予約サービス「Hatago」（以下「本サービス」）の利用条件を定めるものです。本サービスをご利用になる方（以下「お客様」）は、本規約と当社のプライバシーポリシーに同意のうえご利用ください。',
  sections: {
    service: {
      heading: '本サービスの内容',
      paragraphs: [
        '本サービスは、当社が掲載する国内の宿泊施設およびレストラン（以下「施設」）の空室・空席、プラン、料金を表示し、お客様と施設との予約の申込みを取り次ぐものです。',
        '掲載する料金は、特に記載のない限りサービス料および消費税を含みます。東京都・京都市の宿泊税など施設が徴収する税は別に表示し、本サービスでは請求しません。',
      ],
    },
    contract: {
      heading: '予約契約',
      paragraphs: [
        '宿泊契約・飲食の契約は、お客様と施設との間で成立します。予約は、本サービスが予約番号を表示し、確認メールを送信した時点で成立します（施設がリクエスト制をとるレストランでは、施設が承諾した時点で成立します）。',
        '当社は契約の当事者ではなく、予約の取次ぎを行います。宿泊・飲食の提供、施設内でのサービス、施設の定める約款・利用規則については、各施設が責任を負います。',
        'ご予約の内容（日程、人数、プラン、到着予定時刻、ご要望など）は正確にご入力ください。ご要望は施設へお伝えしますが、必ずお応えできるとは限りません。',
      ],
    },
    cancellation: {
      heading: 'キャンセル料・不泊（ノーショー）',
      paragraphs: [
        'キャンセル料はプランごとに定められ、プランの詳細、予約確認画面・確認メール、キャンセル前の確認画面に表示します。宿泊はチェックイン日の何日前か、レストランはご来店時刻の何時間前かによって料率が決まります。',
        'ご連絡なくご来館・ご来店されなかった場合は、プランに定める不泊（ノーショー）料金をいただきます。特に定めのない宿泊プランでは、ご宿泊料金の全額となります。',
        'キャンセルは、マイアカウント、または予約番号とメールアドレスによる予約確認ページから行えます。宿泊開始後の変更・キャンセルはサポートまたは施設へご連絡ください。',
      ],
    },
    payment: {
      heading: 'お支払いとカードによる保証',
      paragraphs: [
        '宿泊料金・飲食代金は、原則として施設で直接お支払いいただきます。',
        '施設が求めるプランでは、キャンセル料・不泊料金の保証として、クレジットカードをお預かりします。カード番号は決済代行事業者へ直接送られ、当社はカード番号を保存しません。当社が保存するのは、決済代行事業者が発行するトークン（保証の与信）とカードブランド、下4桁のみです。',
        '保証のための与信は予約時に行い、無料でキャンセルされた場合は解除します。キャンセル料・不泊料金が発生した場合に限り、その金額を請求します。',
      ],
    },
    account: {
      heading: '会員アカウント',
      paragraphs: [
        '会員登録には、メールアドレスの確認が必要です。お客様は、パスワードを第三者に知られないよう管理してください。',
        'ログイン中のご予約は会員の予約として保存され、マイアカウントで確認・キャンセルできます。登録内容（お名前、電話番号、メールアドレス、ご希望の言語）はマイアカウントから変更できます。',
      ],
    },
    mail: {
      heading: 'メールによるご連絡',
      paragraphs: [
        '当社は、予約の確認・変更・キャンセル、アカウントの手続き（メールアドレスの確認、パスワードの変更・再設定、メールアドレスの変更）などのご連絡をメールでお送りします。これらはサービスの提供に必要なため、配信を停止することはできません。',
      ],
    },
    prohibited: {
      heading: '禁止事項',
      paragraphs: ['お客様は、次の行為をしてはなりません。'],
      items: [
        '他人になりすまして、または虚偽の内容で予約・登録すること',
        '転売や営利を目的として予約すること、利用の意思のない予約を繰り返すこと',
        '本サービスの運営を妨げる行為、不正なアクセス、自動化された大量のアクセス',
        '施設、他のお客様または第三者の権利を侵害する行為、法令または公序良俗に反する行為',
      ],
    },
    liability: {
      heading: '免責',
      paragraphs: [
        '当社は、掲載情報が正確であるよう努めますが、施設の事情により内容が変更される場合があります。施設の提供するサービスに関する事項は、施設へお問い合わせください。',
        '当社の故意または重大な過失による場合を除き、本サービスの利用に関して生じた損害について、当社の責任は、お客様が当該予約について支払った金額を上限とします。消費者契約法その他の法令により免責が認められない場合は、この限りではありません。',
      ],
    },
    changes: {
      heading: '本規約の変更',
      paragraphs: ['当社は、必要に応じて本規約を変更できます。変更する場合は、効力発生日と変更内容を本ページで事前にお知らせします。変更後に行われた予約には、変更後の規約が適用されます。'],
    },
    law: {
      heading: '準拠法・管轄',
      paragraphs: ['本規約は日本法に準拠します。本サービスに関する紛争は、東京地方裁判所を第一審の専属的合意管轄裁判所とします。本規約の日本語版と英語版に相違がある場合は、日本語版が優先します。'],
    },
    contact: {
      heading: 'お問い合わせ',
      paragraphs: ['本サービスに関するお問い合わせは、Hatago 運営事務局（support@hatago.example）までお寄せください。ご予約内容については、予約番号を添えてご連絡ください。'],
    },
  },
};

export const termsEn: LegalDocument = {
  title: 'Terms of use',
  effective: 'In force from 7 December 2026',
  intro:
    'These terms of use ("Terms") set the conditions of Hatago, the hotel and restaurant booking service ("the Service") run by the Hatago operations office ("we", "us"). By using the Service you ("the guest") accept these Terms and our privacy policy.',
  sections: {
    service: {
      heading: 'What the Service is',
      paragraphs: [
        'The Service shows the rooms, tables, plans and prices of the hotels, ryokan and restaurants in Japan listed on it ("facilities") and passes your booking to the facility.',
        'Prices include the service charge and consumption tax unless stated otherwise. Taxes a facility collects itself, such as the Tokyo and Kyoto City accommodation taxes, are shown apart and are not charged through the Service.',
      ],
    },
    contract: {
      heading: 'The booking contract',
      paragraphs: [
        'The contract for a stay or a meal is made between you and the facility. A booking is made when the Service shows its booking code and sends the confirmation mail (at a restaurant that takes requests, when the restaurant accepts it).',
        'We are not a party to that contract: we pass your booking on. The facility is responsible for the stay or meal, its services on site and its own house rules and conditions.',
        'Please enter the details of your booking (dates, party, plan, arrival time, requests) accurately. We pass your requests to the facility, which cannot always meet them.',
      ],
    },
    cancellation: {
      heading: 'Cancellation and no-show fees',
      paragraphs: [
        "Each plan sets its own cancellation fees, shown with the plan, on the booking's confirmation page and mail, and before you cancel. For a stay the fee depends on how many days before check-in you cancel; for a table, on how many hours before the seating.",
        "If you do not arrive without telling us or the facility, the plan's no-show fee is charged. For a stay plan that sets no other amount, it is the whole price of the stay.",
        'You can cancel in your account, or on the booking look-up page with the booking code and email address. Once a stay has begun, contact support or the facility to change or cancel it.',
      ],
    },
    payment: {
      heading: 'Payment and card guarantees',
      paragraphs: [
        'You pay for the stay or meal at the facility.',
        'For plans where the facility asks for it, a credit card guarantees the cancellation and no-show fees. The card number goes straight to our payment provider; we never store it. We keep only the token the provider issues for the guarantee, the card brand and its last four digits.',
        'The guarantee is authorised when you book and released when you cancel free of charge. Your card is charged only for a cancellation or no-show fee that applies.',
      ],
    },
    account: {
      heading: 'Member accounts',
      paragraphs: [
        'To become a member you confirm your email address. Keep your password to yourself.',
        'Bookings made while signed in are kept in your account, where you can see and cancel them. You can change your details (name, phone, email address, preferred language) in your account.',
      ],
    },
    mail: {
      heading: 'Mails we send',
      paragraphs: [
        'We send mails about your bookings (confirmation, changes, cancellation) and your account (confirming your address, password changes and resets, email address changes). They are needed to provide the Service and cannot be turned off.',
      ],
    },
    prohibited: {
      heading: 'What you must not do',
      paragraphs: ['You must not:'],
      items: [
        'book or register as someone else, or with false details',
        'book to resell, or repeatedly book with no intention of coming',
        "disrupt the Service, access it without authorisation, or send it automated bulk requests",
        'infringe the rights of a facility, other guests or anyone else, or break the law or public order',
      ],
    },
    liability: {
      heading: 'Liability',
      paragraphs: [
        "We take care that what we show is accurate, but a facility may change its details. For the facility's own services, ask the facility.",
        'Except for our wilful misconduct or gross negligence, our liability for any loss from using the Service is limited to what you paid for the booking concerned. Nothing here limits liability that the Consumer Contract Act or other law does not allow to be limited.',
      ],
    },
    changes: {
      heading: 'Changes to these Terms',
      paragraphs: ['We may change these Terms. We announce a change and the day it takes effect on this page beforehand. Bookings made after that day follow the changed Terms.'],
    },
    law: {
      heading: 'Governing law and courts',
      paragraphs: ['These Terms are governed by the laws of Japan. The Tokyo District Court has exclusive jurisdiction in the first instance over any dispute about the Service. If the Japanese and English versions differ, the Japanese version prevails.'],
    },
    contact: {
      heading: 'Contact',
      paragraphs: ['Write to the Hatago operations office at support@hatago.example. For a booking, please give its booking code.'],
    },
  },
};
