import type { Lang } from './i18n.ts';

/**
 * Dates, times and prices as each language writes them: 2027年1月15日(金) and 18:00 in
 * Japanese, Fri 15 Jan 2027 and 6:00 pm in English, 12,000円 and ¥12,000. Calendar dates
 * are Tokyo dates, formatted as the date they name whatever the server's zone.
 */
const DATE_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }),
};

export const formatDate = (lang: Lang, date: string): string => DATE_FORMATS[lang].format(new Date(`${date}T00:00:00Z`)).replace(/,/g, '');

export function formatTime(lang: Lang, time: string): string {
  if (lang === 'ja') return time;
  const [hours, minutes] = [Number(time.slice(0, 2)), time.slice(3, 5)];
  return `${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'am' : 'pm'}`;
}

export const formatPrice = (lang: Lang, yen: number): string => (lang === 'ja' ? `${yen.toLocaleString('ja-JP')}円` : `¥${yen.toLocaleString('en-US')}`);
