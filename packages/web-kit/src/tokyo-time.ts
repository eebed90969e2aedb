const toMinute = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const toSecond = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Instants are stored in UTC; staff in Japan read them in Tokyo time, e.g. `2026-12-07 15:04:05 JST`.
 * `minute`: the front desk's lists, where seconds are noise.
 */
export const tokyoTime = (iso: string | Date, precision: 'second' | 'minute' = 'second') =>
  `${(precision === 'minute' ? toMinute : toSecond).format(new Date(iso))} JST`;
