import type { LegalDocument } from './legal-document.ts';

/** The privacy policy of the guest site, in Japanese (the version that prevails); merged into the dictionary by legal-i18n.ts. */
export const privacyJa: LegalDocument = {
  title: 'プライバシーポリシー',
  effective: '2026年12月7日 制定',
  intro:
    'Hatago 運営事務局（以下「当社」）は、予約サービス「Hatago」でお預かりする個人情報を、個人情報の保護に関する法律（個人情報保護法）その他の法令に従い、以下のとおり取り扱います。',
  sections: {
    collected: {
      heading: 'お預かりする情報',
      paragraphs: ['当社は、次の情報をお預かりします。'],
      items: [
        'ご予約の際：お名前（漢字・ローマ字）、メールアドレス、電話番号、日程、人数（大人・お子様）、到着予定時刻、ご要望、アレルギー、ご利用の目的（お誕生日など）',
        '会員登録の際：上記の連絡先、パスワード（復元できない形式で保存します）、ご希望の言語、登録したご同行者',
        'カードによる保証の際：決済代行事業者が発行するトークン、カードブランド、カード番号の下4桁（カード番号そのものはお預かりしません）',
        'ご利用の記録：アクセス日時、IPアドレス、ブラウザの情報、ログインの試行、送信したメールの配信状況',
      ],
    },
    purposes: {
      heading: '利用目的',
      paragraphs: ['お預かりした情報は、次の目的に限って利用します。'],
      items: [
        '予約の取次ぎ、確認、変更、キャンセル、キャンセル料・不泊料金の保証と請求',
        '予約やアカウントに関するメールの送信、お問い合わせへの対応',
        '会員アカウントの管理、不正なログイン・予約の防止',
        'サービスの安定運用、障害の調査、品質の改善（個人を特定しない統計として）',
      ],
    },
    facilities: {
      heading: '施設への提供',
      paragraphs: [
        'ご予約いただいた施設へ、予約の履行に必要な情報（お名前、連絡先、日程、人数、プラン、到着予定時刻、ご要望、アレルギー、ご利用の目的）を提供します。施設は、その施設の責任で、宿泊・飲食の提供と法令（旅館業法に基づく宿泊者名簿など）のために利用します。',
        '法令に基づく場合を除き、ご本人の同意なく、これ以外の第三者へ個人情報を提供しません。',
      ],
    },
    processors: {
      heading: '業務の委託',
      paragraphs: [
        '当社は、サービスの提供に必要な範囲で、決済代行事業者（カード保証）、メール配信事業者、クラウド事業者（サーバー・データの保管）に業務を委託し、委託先を適切に監督します。',
        'メール配信事業者など一部の委託先は、米国など日本国外で情報を取り扱う場合があります。当社は、個人情報保護法に定める基準に適合する体制を整備した事業者に限り委託します。',
      ],
    },
    cookies: {
      heading: 'Cookie の利用',
      paragraphs: ['本サービスは、次の Cookie を使います。広告や第三者による追跡のための Cookie は使いません。'],
      items: [
        'hatago_member：会員のログイン状態を保つためのもの（ブラウザのスクリプトからは読めません。最長14日間）',
        'hatago_signed_in：ログイン中であることだけを示す目印で、個人を特定する情報は含みません。ページ上部にアカウントへのリンクを表示するために使い、ログインと同じ期間で消えます',
        'hatago_member_device：この端末から以前ログインしたことを記録し、不正なログインの防止に使います',
        'hatago_vid：ランダムな訪問者IDです。新機能を一部の方へ段階的に公開する際、同じ方に同じ表示をするために使います。お名前などとは結び付けません（1年間）',
        'hatago_canary：新しいバージョンのサイトを試験的に表示する対象かどうかを記録します',
      ],
    },
    security: {
      heading: '安全管理と保存期間',
      paragraphs: [
        '通信の暗号化、パスワードとリンクのハッシュ化、アクセス権限の管理、操作記録の保存などにより、個人情報を安全に管理します。',
        '予約の情報は、予約の履行と法令上の保存義務に必要な期間保存し、その後、消去または個人を特定できない形にします。',
      ],
    },
    rights: {
      heading: '開示・訂正・利用停止などのご請求',
      paragraphs: [
        'ご登録内容はマイアカウントからいつでも確認・変更できます。保有個人データの開示、訂正、追加・削除、利用停止、第三者提供の停止、第三者提供記録の開示のご請求は、下記の窓口でご本人であることを確認したうえで、法令に従い対応します。',
      ],
    },
    contact: {
      heading: 'お問い合わせ窓口',
      paragraphs: ['個人情報の取扱いに関するお問い合わせ・苦情は、Hatago 運営事務局 個人情報保護担当（privacy@hatago.example）までお寄せください。本ポリシーを変更する場合は、本ページでお知らせします。'],
    },
  },
};

export const privacyEn: LegalDocument = {
  title: 'Privacy policy',
  effective: 'In force from 7 December 2026',
  intro:
    "The Hatago operations office (\"we\") handles the personal information it holds for the Hatago booking service as set out here, under Japan's Act on the Protection of Personal Information (APPI) and other laws.",
  sections: {
    collected: {
      heading: 'What we hold',
      paragraphs: ['We hold:'],
      items: [
        'when you book: your name (in Japanese and Latin letters), email address, phone number, dates, party (adults and children), arrival time, requests, allergies and the occasion (a birthday, for example)',
        'when you become a member: those contact details, your password (stored in a form that cannot be reversed), your preferred language and the guests you save',
        "for a card guarantee: the token our payment provider issues, the card brand and the card's last four digits (never the card number itself)",
        'records of use: when you visited, your IP address, your browser, login attempts and how the mails we sent were delivered',
      ],
    },
    purposes: {
      heading: 'Why we use it',
      paragraphs: ['We use it only to:'],
      items: [
        'pass on, confirm, change and cancel bookings, and guarantee and charge cancellation and no-show fees',
        'send mails about your bookings and account, and answer your questions',
        'run member accounts and prevent fraudulent logins and bookings',
        'keep the Service running, investigate faults and improve it (as statistics that identify nobody)',
      ],
    },
    facilities: {
      heading: 'What the facility receives',
      paragraphs: [
        'The facility you book receives what it needs to host you: your name, contact details, dates, party, plan, arrival time, requests, allergies and occasion. It uses them under its own responsibility to provide the stay or meal and to meet the law (such as the guest register the Hotel Business Act requires).',
        'Except where the law requires it, we give your personal information to no other third party without your consent.',
      ],
    },
    processors: {
      heading: 'Service providers',
      paragraphs: [
        'We entrust parts of the work to a payment provider (card guarantees), a mail delivery provider and cloud providers (servers and storage), only as far as the Service needs, and supervise them.',
        "Some of them, such as the mail delivery provider, may handle information outside Japan, for example in the United States. We entrust it only to providers whose systems meet the APPI's standards.",
      ],
    },
    cookies: {
      heading: 'Cookies',
      paragraphs: ['The Service uses these cookies, and none for advertising or tracking by others:'],
      items: [
        'hatago_member: keeps a member signed in (scripts in the browser cannot read it; up to 14 days)',
        'hatago_signed_in: only says that you are signed in, with nothing that identifies you; it lets the page header show your account link, and ends with your session',
        'hatago_member_device: remembers that you signed in from this device before, to stop fraudulent logins',
        'hatago_vid: a random visitor id, so that a new feature released to some visitors at a time looks the same to you on every visit; never linked to your name (1 year)',
        'hatago_canary: remembers whether you are shown a trial version of the site',
      ],
    },
    security: {
      heading: 'Security and retention',
      paragraphs: [
        'We protect personal information by encrypting connections, hashing passwords and links, limiting who may access it and recording what staff do.',
        'We keep booking information as long as the booking and our legal duties to keep records need, then delete it or make it identify nobody.',
      ],
    },
    rights: {
      heading: 'Your requests',
      paragraphs: [
        'You can see and change your details in your account at any time. To ask us to disclose, correct, add to or delete the personal data we hold, to stop using it or giving it to third parties, or to disclose our records of giving it to third parties, contact us below: we confirm that you are you, then act as the law requires.',
      ],
    },
    contact: {
      heading: 'Contact',
      paragraphs: ['Write with questions or complaints about your personal information to the privacy officer of the Hatago operations office at privacy@hatago.example. We announce any change to this policy on this page.'],
    },
  },
};
