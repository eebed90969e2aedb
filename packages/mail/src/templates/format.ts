import type { Locale } from './template.ts';

/** Integer yen the way each locale's guests read it. */
export const formatYen = (amount: number, locale: Locale) =>
  locale === 'ja' ? `${amount.toLocaleString('ja-JP')}円` : `¥${amount.toLocaleString('en-US')}`;

/** 'YYYY-MM-DD' calendar dates as words; parsed as UTC so the process time zone cannot shift them. */
export function formatStayDate(date: string, locale: Locale): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (locale === 'ja') return `${y}年${m}月${d}日`;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
}
