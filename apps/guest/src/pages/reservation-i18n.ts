/**
 * What a reservation's pages say about reaching the hotel or restaurant, saving the booking
 * to a calendar and printing it; merged into the one dictionary in i18n.ts.
 */
export const reservationJa = {
  frontDesk: 'フロント（メール）',
  arrivalFrom: (time: string) => `${time}以降`,
  departureBy: (time: string) => `${time}まで`,
  keepReservation: 'カレンダー・印刷',
  addToCalendar: 'カレンダーに追加（.icsファイル）',
  printHint: '印刷するには、ブラウザの印刷機能（Ctrl+P、Macでは⌘+P）をお使いください。メニューやボタンは印刷されません。',
  calendarStay: (hotel: string) => `ご宿泊: ${hotel}`,
  calendarTable: (restaurant: string) => `お食事: ${restaurant}`,
};

export const reservationEn: typeof reservationJa = {
  frontDesk: 'Front desk (email)',
  arrivalFrom: (time: string) => `from ${time}`,
  departureBy: (time: string) => `by ${time}`,
  keepReservation: 'Calendar and printing',
  addToCalendar: 'Add to calendar (.ics file)',
  printHint: 'To print, use your browser’s Print command (Ctrl+P, or ⌘P on a Mac). Menus and buttons are left out of the print.',
  calendarStay: (hotel: string) => `Stay: ${hotel}`,
  calendarTable: (restaurant: string) => `Dining: ${restaurant}`,
};
