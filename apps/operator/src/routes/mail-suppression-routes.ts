import { liftSuppression, listSuppressions } from '@hatago/mail';
import { DomainError, FieldErrors } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import { finishForm, readFields, readPage } from '@hatago/platform/input';
import { auditAction, auditActor } from '../audit-trail.ts';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { liftSuppressionPage, SUPPRESSION_PAGE_SIZE, SUPPRESSIONS_PATH, suppressionListPage } from '../views/mail-suppression-views.ts';

const HTML = 'text/html; charset=utf-8';

function parseSuppressionFilter(query: unknown) {
  const errors = new FieldErrors();
  const form = readFields(query, ['address', 'page', 'lifted'] as const, errors);
  if (form.address.length > 254) errors.add('address', 'Use at most 254 characters');
  const page = readPage(form.page, errors);
  return finishForm(form, errors, () => ({ ...(form.address ? { address: form.address } : {}), page, pageSize: SUPPRESSION_PAGE_SIZE }));
}

/** Support staff see who no longer gets mail and why; administrators may lift an entry. */
export function registerMailSuppressionRoutes(app: HttpApp, { database }: OperatorAppDeps): void {
  const db = database.db;

  app.get(SUPPRESSIONS_PATH, needs('mail.read'), async (request, reply) => {
    reply.type(HTML);
    const parsed = parseSuppressionFilter(request.query);
    const { lifted, ...form } = parsed.form;
    if (parsed.errors) return reply.code(422).send(suppressionListPage(request.staff, form, { errors: parsed.errors }));
    const found = await listSuppressions(db, parsed.filter);
    await auditAction(db, request, 'mail.suppression.list', { type: 'mail_address', id: '' }, {
      ...(parsed.filter.address ? { address: parsed.filter.address } : {}),
      page: parsed.filter.page,
      found: found.total,
    });
    const notice = lifted ? `Lifted the suppression of ${lifted}: mail to it is sent again.` : undefined;
    return suppressionListPage(request.staff, form, { ...found, page: parsed.filter.page }, notice);
  });

  app.get<{ Querystring: { address?: unknown } }>(`${SUPPRESSIONS_PATH}/lift`, needs('mail.suppression.lift'), async (request, reply) => {
    reply.type(HTML);
    const address = typeof request.query.address === 'string' ? request.query.address.slice(0, 254) : '';
    return liftSuppressionPage(request.staff, { address, reason: '' });
  });

  app.post<{ Body: { address?: unknown; reason?: unknown } }>(`${SUPPRESSIONS_PATH}/lift`, needs('mail.suppression.lift'), async (request, reply) => {
    const body = request.body ?? {};
    try {
      const lifted = await liftSuppression(db, {
        address: body.address,
        reason: body.reason,
        operator: auditActor(request.staff),
        requestId: request.id,
      });
      return reply.redirect(`${SUPPRESSIONS_PATH}?${new URLSearchParams({ lifted: lifted.address })}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
      const text = (value: unknown) => (typeof value === 'string' ? value : '');
      reply.type(HTML).code(422);
      return liftSuppressionPage(request.staff, { address: text(body.address), reason: text(body.reason) }, error.fields);
    }
  });
}
