const tokyo = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Instants are stored in UTC; staff in Japan read them in Tokyo time. */
export const tokyoTime = (iso: string) => `${tokyo.format(new Date(iso))} JST`;
