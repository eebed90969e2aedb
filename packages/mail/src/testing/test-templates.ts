import { Type } from '@sinclair/typebox';
import { html } from '@hatago/platform/html';
import { emailTemplate, noticeTemplate } from '../templates/template.ts';
import { createTemplateRegistry } from '../templates/template-registry.ts';
import { escapeSlack } from '../templates/slack-text.ts';
import { mailLayout, textLayout } from '../templates/mail-layout.ts';
import { operatorAlert } from '../templates/operator-alert.ts';

/*
 * Mail's own tests cannot use the modules' templates (those modules depend on mail), so
 * they declare templates as any module does: these stand in for a welcome mail, a stay
 * confirmation, a password reset and an inventory notice.
 */

export const welcomeMail = emailTemplate({
  name: 'test-welcome',
  params: Type.Object({ name: Type.String({ minLength: 1 }) }),
  render: ({ name }, locale) => ({
    subject: 'Welcome to Hatago',
    html: mailLayout(locale, 'Welcome', html`<p>Dear ${name}</p>`),
    text: textLayout(locale, 'Welcome', `Dear ${name}`),
  }),
});

export const stayMail = emailTemplate({
  name: 'test-stay',
  params: Type.Object({ reservation: Type.Object({ code: Type.String(), hotelName: Type.String(), checkin: Type.String() }) }),
  render: ({ reservation: r }, locale) => ({
    subject: `Stay ${r.code}`,
    html: mailLayout(locale, 'Your stay', html`<p>${r.hotelName} from ${r.checkin}</p>`),
    text: textLayout(locale, 'Your stay', `${r.hotelName} from ${r.checkin}`),
  }),
});

export const resetMail = emailTemplate({
  name: 'test-reset',
  params: Type.Object({ url: Type.String() }),
  secretBody: true,
  render: ({ url }, locale) => ({ subject: 'Your reset link', html: mailLayout(locale, 'Reset', html`<p>${url}</p>`), text: url }),
});

export const inventoryNotice = noticeTemplate({
  name: 'test-inventory',
  params: Type.Object({ hotelName: Type.String({ minLength: 1 }) }),
  render: ({ hotelName }) => ({ text: `Inventory changed at ${escapeSlack(hotelName)}`, blocks: [] }),
});

export const SAMPLE_STAY = { reservation: { code: 'HT7F3K9Q2MXA', hotelName: '箱根 翠の宿', checkin: '2026-12-24' } };
export const SAMPLE_ALERT = { title: 'Queue growing', text: 'mail queue at 10k <@U123>', severity: 'warning' } as const;
export const SAMPLE_INVENTORY = { hotelName: 'Inn <&> Spa' };

export const testTemplates = createTemplateRegistry([welcomeMail, stayMail, resetMail, inventoryNotice, operatorAlert]);
