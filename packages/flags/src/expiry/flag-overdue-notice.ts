import { Type } from '@sinclair/typebox';
import { escapeSlack, noticeTemplate, sectionBlock } from '@hatago/mail';

/** Where flag owners are reminded; the mailer maps it to a webhook (SLACK_WEBHOOKS). */
export const FLAGS_CHANNEL = '#feature-flags';

/** Internal: a flag is past its expiry and should be released to everyone and removed from the code. */
export const flagOverdue = noticeTemplate({
  name: 'flag-overdue',
  params: Type.Object({
    key: Type.String({ minLength: 1, maxLength: 64 }),
    owner: Type.String({ minLength: 1, maxLength: 200 }),
    expiresOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    daysOverdue: Type.Integer({ minimum: 1 }),
  }),
  render({ key, owner, expiresOn, daysOverdue }) {
    const days = `${daysOverdue} ${daysOverdue === 1 ? 'day' : 'days'}`;
    return {
      text: `Feature flag ${escapeSlack(key)} expired on ${expiresOn} (${days} ago); owner: ${escapeSlack(owner)}`,
      blocks: [
        sectionBlock(`*Feature flag \`${escapeSlack(key)}\` is overdue*: it expired on ${expiresOn}, ${days} ago.`),
        { type: 'context', elements: [{ type: 'mrkdwn', text: `Owner: ${escapeSlack(owner)} · release it to everyone and remove it from the code, or move its expiry in the operator console` }] },
      ],
    };
  },
});

/** The notices of the flags module, for the platform's template registry. */
export const flagsNotices = [flagOverdue];
