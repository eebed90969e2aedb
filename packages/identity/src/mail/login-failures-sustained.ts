import { Type } from '@sinclair/typebox';
import { escapeSlack, noticeTemplate, sectionBlock } from '@hatago/mail';

/** The channel operators watch for attacks on accounts. */
export const SECURITY_CHANNEL = '#security';

/**
 * Internal: one account met more failed logins in a window than its owner would make;
 * logins to it from unknown devices are refused until the window ends.
 */
export const loginFailuresSustained = noticeTemplate({
  name: 'login-failures-sustained',
  params: Type.Object({
    account: Type.String({ minLength: 1, maxLength: 300 }),
    failures: Type.Integer({ minimum: 1 }),
    windowMinutes: Type.Integer({ minimum: 1 }),
  }),
  render({ account, failures, windowMinutes }) {
    const text = `${failures} failed logins to ${escapeSlack(account)} within ${windowMinutes} minutes; only known devices may sign in to it for now`;
    return {
      text,
      blocks: [
        sectionBlock(`*Sustained failed logins* to \`${escapeSlack(account)}\``),
        { type: 'context', elements: [{ type: 'mrkdwn', text: `${failures} failures within ${windowMinutes} minutes · only known devices may sign in` }] },
      ],
    };
  },
});
