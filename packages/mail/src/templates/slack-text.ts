/**
 * Slack reads `&`, `<` and `>` as control characters in mrkdwn (links, mentions such as
 * `<!channel>`); escaping exactly these three is what Slack documents, so user-supplied
 * text can neither ping a channel nor forge a link.
 */
export const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const sectionBlock = (mrkdwn: string) => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } });
