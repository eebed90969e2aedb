import type { Banner, BannerDocument } from '../document/banner-document.ts';

/** A valid banner, live through 2027 by default; tests override what they are about. */
export function banner(overrides: Partial<Banner> & { id: string }): Banner {
  return {
    slot: 'home-hero',
    image: 'https://images.example/spring.jpg',
    link: '/search?area=kyoto',
    alt: { ja: '京都の春', en: 'Spring in Kyoto' },
    caption: { ja: '春の京都へ', en: 'Kyoto in spring' },
    start: '2027-01-01T00:00:00+09:00',
    end: '2028-01-01T00:00:00+09:00',
    priority: 10,
    ...overrides,
  };
}

export const documentText = (...banners: Banner[]): string => `${JSON.stringify({ banners } satisfies BannerDocument, null, 2)}\n`;
