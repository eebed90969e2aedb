/** Invented guests of the demo world, in the language they book in. */
export const DEMO_GUESTS = [
  { name: '佐藤 健', latin: 'Ken Sato', locale: 'ja' },
  { name: 'Emily Clark', latin: 'Emily Clark', locale: 'en' },
  { name: '高橋 美咲', latin: 'Misaki Takahashi', locale: 'ja' },
  { name: '鈴木 一郎', latin: 'Ichiro Suzuki', locale: 'ja' },
  { name: 'Lucas Martin', latin: 'Lucas Martin', locale: 'en' },
  { name: '田中 花', latin: 'Hana Tanaka', locale: 'ja' },
  { name: 'Noah Weber', latin: 'Noah Weber', locale: 'en' },
  { name: '伊藤 翔太', latin: 'Shota Ito', locale: 'ja' },
  { name: '渡辺 さくら', latin: 'Sakura Watanabe', locale: 'ja' },
  { name: 'Olivia Chen', latin: 'Olivia Chen', locale: 'en' },
  { name: '山本 大輔', latin: 'Daisuke Yamamoto', locale: 'ja' },
  { name: '中村 葵', latin: 'Aoi Nakamura', locale: 'ja' },
  { name: 'James Wilson', latin: 'James Wilson', locale: 'en' },
  { name: '小林 陽菜', latin: 'Hina Kobayashi', locale: 'ja' },
  { name: '加藤 拓海', latin: 'Takumi Kato', locale: 'ja' },
  { name: 'Sofia Rossi', latin: 'Sofia Rossi', locale: 'en' },
  { name: '吉田 結衣', latin: 'Yui Yoshida', locale: 'ja' },
  { name: '山田 蓮', latin: 'Ren Yamada', locale: 'ja' },
  { name: 'Hannah Becker', latin: 'Hannah Becker', locale: 'en' },
  { name: '松本 凛', latin: 'Rin Matsumoto', locale: 'ja' },
] as const;

export type DemoGuest = (typeof DEMO_GUESTS)[number];

/** The guest as a booking form sends them: an address and phone of their own, made from their name and a number. */
export function guestContact(guest: DemoGuest, n: number) {
  return {
    name: guest.name,
    nameLatin: guest.latin,
    email: `${guest.latin.toLowerCase().replace(' ', '.')}.${n}@example.com`,
    phone: `090-${String(1000 + (n % 9000)).padStart(4, '0')}-${String(1000 + ((n * 7) % 9000)).padStart(4, '0')}`,
  };
}
