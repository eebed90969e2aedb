import { Type } from '@sinclair/typebox';
import { escapeSlack, sectionBlock } from './slack-text.ts';
import { noticeTemplate } from './template.ts';

const MARK = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' } as const;

export const operatorAlert = noticeTemplate({
  name: 'operator-alert',
  params: Type.Object({
    title: Type.String({ minLength: 1, maxLength: 150 }),
    text: Type.String({ minLength: 1, maxLength: 2900 }),
    severity: Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('critical')]),
  }),
  render({ title, text, severity }) {
    return {
      text: `${MARK[severity]} [${severity}] ${escapeSlack(title)}`,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: `[${severity}] ${title}`.slice(0, 150) } },
        sectionBlock(`${MARK[severity]} ${escapeSlack(text)}`),
      ],
    };
  },
});
