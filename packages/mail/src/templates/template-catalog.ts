import { TypeCompiler } from '@sinclair/typebox/compiler';
import { facilityCancellation } from './facility-cancellation.ts';
import { facilityInventoryChanged } from './facility-inventory-changed.ts';
import { facilityNewReservation } from './facility-new-reservation.ts';
import { memberWelcome } from './member-welcome.ts';
import { operatorAlert } from './operator-alert.ts';
import { passwordReset } from './password-reset.ts';
import { reservationCancellation } from './reservation-cancellation.ts';
import { reservationConfirmation } from './reservation-confirmation.ts';
import type { EmailTemplate, Locale, NoticeTemplate, Rendered, Template } from './template.ts';

const EMAIL = [reservationConfirmation, reservationCancellation, facilityNewReservation, facilityCancellation, memberWelcome, passwordReset] as const;
const NOTICE = [facilityInventoryChanged, operatorAlert] as const;

export const MAIL_TEMPLATES = EMAIL.map((t) => t.name) as ReadonlyArray<string>;
export const NOTICE_TEMPLATES = NOTICE.map((t) => t.name) as ReadonlyArray<string>;
export type MailTemplate = (typeof EMAIL)[number]['name'];

const catalog = new Map<string, { template: Template; check: ReturnType<typeof TypeCompiler.Compile> }>(
  [...EMAIL, ...NOTICE].map((t) => [t.name, { template: t as Template, check: TypeCompiler.Compile(t.params) }]),
);

export function findTemplate(name: string): Template | undefined {
  return catalog.get(name)?.template;
}

/** Each problem in `params` as a path and message, empty when the template accepts them. */
export function paramErrors(name: string, params: unknown): Array<{ path: string; message: string }> {
  const entry = catalog.get(name);
  if (!entry) return [{ path: '', message: `Unknown template ${name}` }];
  return [...entry.check.Errors(params)].slice(0, 10).map((e) => ({ path: e.path, message: e.message }));
}

/** Renders a stored message at send time; params were checked when it was enqueued. */
export function renderMessage(name: string, params: unknown, locale: Locale): Rendered {
  const template = findTemplate(name);
  if (!template) throw new Error(`Unknown template ${name}`);
  if (paramErrors(name, params).length > 0) throw new Error(`Stored params no longer fit template ${name}`);
  if (template.channel === 'slack') return { channel: 'slack', ...(template as NoticeTemplate).render(params as never) };
  const { subject, html, text } = (template as EmailTemplate).render(params as never, locale);
  return { channel: 'email', subject, html: html.value, text };
}
