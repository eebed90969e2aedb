import { discardMessage, getMailMessage, isSuppressed, MailErrors, parseMailHistoryFilter, retryMessage, searchMailHistory } from '@hatago/mail';
import type { HttpApp } from '@hatago/platform/http';
import { parseId } from '@hatago/platform/input';
import { notFound } from '@hatago/platform/errors';
import { auditAction, auditActor } from '../audit-trail.ts';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { MAIL_PAGE_CSP } from '../views/mail-preview.ts';
import { mailMessagePage, mailPath, mailSearchPage } from '../views/mail-views.ts';

type IdParams = { Params: { id: string } };

const HTML = 'text/html; charset=utf-8';

const messageIdOf = (raw: string) => {
  const id = parseId(raw);
  if (id === undefined) throw notFound(MailErrors.MAIL_NOT_FOUND, `No message #${raw}`);
  return id;
};

/** Support staff search what was sent to whom, read one message as the guest saw it, and settle dead letters. */
export function registerMailHistoryRoutes(app: HttpApp, { database, mailTemplates }: OperatorAppDeps): void {
  const db = database.db;

  app.get('/operator/mail', needs('mail.read'), async (request, reply) => {
    reply.type(HTML);
    const parsed = parseMailHistoryFilter(request.query);
    if (parsed.errors) return reply.code(422).send(mailSearchPage(request.staff, parsed.form, { errors: parsed.errors }));
    const page = await searchMailHistory(db, parsed.filter);
    await auditAction(db, request, 'mail.search', { type: 'mail_message', id: '' }, {
      criteria: Object.fromEntries(Object.entries(parsed.form).filter(([k, v]) => v !== '' && k !== 'after')),
      ...(parsed.filter.after !== undefined ? { after: parsed.filter.after } : {}),
      shown: page.items.length,
    });
    return mailSearchPage(request.staff, parsed.form, page);
  });

  app.get<IdParams & { Querystring: { notice?: unknown } }>('/operator/mail/:id', needs('mail.read'), async (request, reply) => {
    const message = await getMailMessage(db, messageIdOf(request.params.id), mailTemplates);
    await auditAction(db, request, 'mail.view', { type: 'mail_message', id: String(message.id) });
    const suppressed = message.channel === 'email' && (await isSuppressed(db, message.recipient));
    reply.type(HTML).header('content-security-policy', MAIL_PAGE_CSP);
    const notice = typeof request.query.notice === 'string' ? request.query.notice : undefined;
    return mailMessagePage(request.staff, message, { suppressed, ...(notice ? { notice } : {}) });
  });

  app.post<IdParams>('/operator/mail/:id/retry', needs('mail.retry'), async (request, reply) => {
    const id = messageIdOf(request.params.id);
    await retryMessage(db, id, { operator: auditActor(request.staff), requestId: request.id });
    return reply.redirect(`${mailPath(id)}?notice=retried`, 303);
  });

  app.post<IdParams>('/operator/mail/:id/discard', needs('mail.discard'), async (request, reply) => {
    const id = messageIdOf(request.params.id);
    await discardMessage(db, id, { operator: auditActor(request.staff), requestId: request.id });
    return reply.redirect(`${mailPath(id)}?notice=discarded`, 303);
  });
}
