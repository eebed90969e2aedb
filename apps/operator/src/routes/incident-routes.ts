import { can } from '@hatago/identity';
import { addTimelineEntry, classifyIncident, getIncident, halfYearReport, listIncidents, openIncident, resolveIncident, savePostmortem } from '@hatago/incidents';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { INCIDENTS_PATH, incidentListPage, incidentPage, type NewIncidentForm, newIncidentPage } from '../views/incident-views.ts';

const HTML = 'text/html; charset=utf-8';
type Body = Record<string, unknown>;
const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
const canWrite = (request: FastifyRequest) => can(request.staff, 'incidents.write');
const actorOf = (request: FastifyRequest) => ({ id: request.staff.id, name: request.staff.name, requestId: request.id });
const idOf = (request: FastifyRequest) => Number((request.params as { id: string }).id);

/**
 * Incidents: every operator reads them; support and admin open and update them (each change
 * audited by the incidents module, in its own transaction). A refused form answers 422 with
 * the page and its field errors, having written nothing.
 */
export function registerIncidentRoutes(app: HttpApp, { database }: OperatorAppDeps): void {
  const db = database.db;

  app.get(INCIDENTS_PATH, needs('incidents.read'), async (request, reply) => {
    const [incidents, report] = await Promise.all([listIncidents(db), halfYearReport(db)]);
    return reply.type(HTML).send(incidentListPage(request.staff, incidents, report, canWrite(request)));
  });

  app.get<{ Querystring: { alert?: string; since?: string } }>(`${INCIDENTS_PATH}/new`, needs('incidents.write'), async (request, reply) => {
    const since = Number(request.query.since);
    const form: NewIncidentForm = {
      title: '',
      severity: 'sev2',
      cause: '',
      alert: typeof request.query.alert === 'string' ? request.query.alert.slice(0, 200) : '',
      startedAt: Number.isFinite(since) && since > 0 ? new Date(since).toISOString() : '',
    };
    return reply.type(HTML).send(newIncidentPage(request.staff, form));
  });

  app.post<{ Body: Body }>(INCIDENTS_PATH, needs('incidents.write'), async (request, reply) => {
    const body = request.body ?? {};
    const form: NewIncidentForm = { title: text(body, 'title'), severity: text(body, 'severity'), cause: text(body, 'cause'), alert: text(body, 'alert'), startedAt: text(body, 'startedAt') };
    const startedAt = form.startedAt ? new Date(form.startedAt) : undefined;
    try {
      const id = await openIncident(db, actorOf(request), { ...form, startedAt });
      return reply.redirect(`${INCIDENTS_PATH}/${id}`, 303);
    } catch (error) {
      return refused(error, reply, (errors) => newIncidentPage(request.staff, form, errors));
    }
  });

  app.get<{ Params: { id: string } }>(`${INCIDENTS_PATH}/:id`, { ...needs('incidents.read'), schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } } } } }, async (request, reply) =>
    reply.type(HTML).send(incidentPage(request.staff, await getIncident(db, idOf(request)), canWrite(request))),
  );

  const change = (name: string, apply: (request: FastifyRequest, body: Body) => Promise<void>) =>
    app.post<{ Params: { id: string }; Body: Body }>(`${INCIDENTS_PATH}/:id/${name}`, { ...needs('incidents.write'), schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } } } } }, async (request, reply) => {
      try {
        await apply(request, request.body ?? {});
        return reply.redirect(`${INCIDENTS_PATH}/${idOf(request)}`, 303);
      } catch (error) {
        const found = await getIncident(db, idOf(request));
        return refused(error, reply, (errors) => incidentPage(request.staff, found, true, errors));
      }
    });
  change('notes', (request, body) => addTimelineEntry(db, actorOf(request), idOf(request), text(body, 'entry')));
  change('classify', (request, body) => classifyIncident(db, actorOf(request), idOf(request), { severity: text(body, 'severity'), cause: text(body, 'cause') || undefined }));
  change('resolve', (request, body) => resolveIncident(db, actorOf(request), idOf(request), { resolution: text(body, 'resolution') }));
  change('postmortem', (request, body) => savePostmortem(db, actorOf(request), idOf(request), text(body, 'postmortem')));
}

/** A form the domain refused: its page again with the field errors, 422; anything else goes to the error handler. */
function refused(error: unknown, reply: FastifyReply, page: (errors: FieldError[]) => string) {
  if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
  return reply.code(422).type(HTML).send(page(error.fields ?? []));
}
