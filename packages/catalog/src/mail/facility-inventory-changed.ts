import { Type } from '@sinclair/typebox';
import { escapeSlack, noticeTemplate, sectionBlock } from '@hatago/mail';

const Text = Type.String({ minLength: 1, maxLength: 500 });

/** Internal: a facility changed its room inventory; operators follow it in Slack, guests never see it. */
export const facilityInventoryChanged = noticeTemplate({
  name: 'facility-inventory-changed',
  params: Type.Object({
    hotelId: Type.Integer({ minimum: 1 }),
    hotelName: Text,
    from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    staff: Text,
  }),
  render({ hotelId, hotelName, from, to, staff }) {
    const text = `Inventory changed at ${escapeSlack(hotelName)} (#${hotelId}) for ${from} – ${to} by ${escapeSlack(staff)}`;
    return {
      text,
      blocks: [
        sectionBlock(`*Inventory changed* at *${escapeSlack(hotelName)}* (hotel #${hotelId})`),
        { type: 'context', elements: [{ type: 'mrkdwn', text: `${from} – ${to} · by ${escapeSlack(staff)}` }] },
      ],
    };
  },
});
