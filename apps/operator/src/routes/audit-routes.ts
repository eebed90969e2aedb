import { countAudit, listAudit } from '@hatago/audit';
import type { HttpApp } from '@hatago/platform/http';
import { parseAuditFilter } from '../filters.ts';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { auditPage } from '../views/audit-views.ts';

export function registerAuditRoutes(app: HttpApp, { database }: OperatorAppDeps): void {
  app.get('/operator/audit', needs('audit.read'), async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    const parsed = parseAuditFilter(request.query);
    if (parsed.errors) return reply.code(422).send(auditPage(request.staff, parsed.form, { errors: parsed.errors }));
    const [entries, total] = await Promise.all([listAudit(database.db, parsed.filter), countAudit(database.db, parsed.filter)]);
    return auditPage(request.staff, parsed.form, { entries, total, page: parsed.filter.page });
  });
}
