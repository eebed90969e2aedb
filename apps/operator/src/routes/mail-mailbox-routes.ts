import { getSinkMessage, listSinkMessages, MailErrors } from '@hatago/mail';
import { notFound } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { parseId } from '@hatago/platform/input';
import { auditAction } from '../audit-trail.ts';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { mailboxMessagePage, mailboxPage, MAILBOX_PATH } from '../views/mail-mailbox-views.ts';
import { MAIL_PAGE_CSP } from '../views/mail-preview.ts';

const HTML = 'text/html; charset=utf-8';

/** The dev sink's inbox, for checking what the platform sends without a real mail server. */
export function registerMailboxRoutes(app: HttpApp, { database }: OperatorAppDeps): void {
  const db = database.db;

  app.get<{ Querystring: { before?: unknown } }>(MAILBOX_PATH, needs('mail.read'), async (request, reply) => {
    // a cursor that is not an id shows the newest page rather than an error: it only ever comes from our own links
    const before = parseId(request.query.before);
    const page = await listSinkMessages(db, before !== undefined ? { before } : {});
    await auditAction(db, request, 'mail.mailbox.list', { type: 'mailbox', id: '' }, before !== undefined ? { before } : undefined);
    reply.type(HTML);
    return mailboxPage(request.staff, { ...page, paged: before !== undefined });
  });

  app.get<{ Params: { id: string } }>(`${MAILBOX_PATH}/:id`, needs('mail.read'), async (request, reply) => {
    const id = parseId(request.params.id);
    if (id === undefined) throw notFound(MailErrors.SINK_MESSAGE_NOT_FOUND, `No mailbox message #${request.params.id}`);
    const message = await getSinkMessage(db, id);
    await auditAction(db, request, 'mail.mailbox.view', { type: 'mailbox_message', id: String(id) }, { messageId: message.messageId });
    reply.type(HTML).header('content-security-policy', MAIL_PAGE_CSP);
    return mailboxMessagePage(request.staff, message);
  });
}
