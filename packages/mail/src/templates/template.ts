import type { Static, TSchema } from '@sinclair/typebox';
import type { SafeHtml } from '@hatago/platform/html';
import type { MailChannel } from '../mail-tables.ts';

export type Locale = 'ja' | 'en';

/** What an email template produces: the subject and both bodies a mail client may show. */
export interface RenderedEmail {
  channel: 'email';
  subject: string;
  html: string;
  text: string;
}

/** A Slack message: `text` is the notification fallback, `blocks` the Block Kit layout. */
export interface RenderedNotice {
  channel: 'slack';
  text: string;
  blocks: unknown[];
}

export type Rendered = RenderedEmail | RenderedNotice;

interface TemplateBase<S extends TSchema> {
  name: string;
  /** Checked at enqueue, so a bad params object is refused by the caller, not found by a worker. */
  params: S;
}

export interface EmailTemplate<S extends TSchema = TSchema> extends TemplateBase<S> {
  channel: 'email';
  /**
   * The body is a credential (a password reset link signs its holder in): support staff
   * see that the mail was sent and what happened to it, never what it said.
   */
  secretBody?: boolean;
  render(params: Static<S>, locale: Locale): { subject: string; html: SafeHtml; text: string };
}

export interface NoticeTemplate<S extends TSchema = TSchema> extends TemplateBase<S> {
  channel: 'slack';
  render(params: Static<S>): { text: string; blocks: unknown[] };
}

export type Template = EmailTemplate | NoticeTemplate;

export const emailTemplate = <S extends TSchema>(t: Omit<EmailTemplate<S>, 'channel'>): EmailTemplate<S> => ({ channel: 'email', ...t });
export const noticeTemplate = <S extends TSchema>(t: Omit<NoticeTemplate<S>, 'channel'>): NoticeTemplate<S> => ({ channel: 'slack', ...t });

export type { MailChannel };
