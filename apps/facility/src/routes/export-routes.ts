import { randomBytes } from 'node:crypto';
import { recordAudit } from '@hatago/audit';
import { exportReservationsCsv, type ReservationFilter, type ReservationFilterForm } from '@hatago/booking';
import { exportTableReservationsCsv } from '@hatago/dining';
import type { FastifyRequest } from 'fastify';
import { DomainError, type FieldError, notFound } from '@hatago/platform/errors';
import type { HttpApp } from '@hatago/platform/http';
import type { ParsedForm } from '@hatago/platform/input';
import { tokyoToday } from '@hatago/platform/time';
import { openSignedObject, UrlSignature } from '@hatago/storage';
import type { FacilityAppDeps } from '../deps.ts';
import { reservationListPage } from '../views/reservation-views.ts';
import { tableReservationListPage } from '../views/restaurant-reservation-views.ts';
import { formOf, hotelOf, restaurantOf, sendPage } from './console-kit.ts';
import { parseStayFilter, parseTableFilter } from './reservation-filter.ts';
import { FacilityErrors } from '../facility-errors.ts';

/** Long enough to start the download, short enough that a leaked link is soon useless. */
export const EXPORT_LINK_SECONDS = 300;
export const FILES_PREFIX = '/facility/files/';

type ExportScope = { type: 'hotel' | 'restaurant'; id: number };

/**
 * Writes the reservations the filter matches to object storage and sends the browser to a
 * short-lived signed link: any instance can serve the file, and no process keeps it. Hotels
 * and restaurants export the same way, each only its own reservations.
 */
export function registerExportRoutes(app: HttpApp, { database, storage }: FacilityAppDeps): void {
  const exportFor = <F extends ReservationFilter>(
    path: string,
    scopeOf: (request: FastifyRequest) => ExportScope,
    parse: (input: unknown, scope: ExportScope) => ParsedForm<ReservationFilterForm, F>,
    refused: (request: FastifyRequest, form: ReservationFilterForm, errors: FieldError[]) => Promise<string> | string,
    build: (filter: Omit<F, 'page' | 'pageSize'>, scope: ExportScope) => Promise<{ csv: string; rows: number }>,
  ) =>
    app.post(path, async (request, reply) => {
      const scope = scopeOf(request);
      const parsed = parse(formOf(request), scope);
      if (parsed.errors) return sendPage(reply, await refused(request, parsed.form, parsed.errors), 422);
      const { page: _page, pageSize: _pageSize, ...filter } = parsed.filter;
      const { csv, rows } = await build(filter, scope);
      const today = tokyoToday();
      const key = `exports/${scope.type}-${scope.id}/reservations-${today}-${randomBytes(16).toString('hex')}.csv`;
      await storage.put(key, csv, {
        contentType: 'text/csv; charset=utf-8',
        contentDisposition: `attachment; filename="reservations-${scope.type === 'hotel' ? '' : 'restaurant-'}${scope.id}-${today}.csv"`,
      });
      // Guest details leave the system here, so who took them is kept.
      await recordAudit(database.db, {
        actor: { kind: 'facility', id: request.staff.id, name: request.staff.name },
        action: 'reservation.export',
        target: { type: scope.type, id: String(scope.id) },
        detail: { filter, rows, key },
        requestId: String(request.id),
      });
      return reply.redirect(await storage.signedUrl(key, { expiresInSeconds: EXPORT_LINK_SECONDS }), 303);
    });

  exportFor(
    '/facility/reservations/export',
    (request) => ({ type: 'hotel', id: hotelOf(request) }),
    (input, scope) => parseStayFilter(input, scope.id),
    (request, form, errors) => reservationListPage(request.staff, form, null, errors),
    (filter) => exportReservationsCsv(database.db, filter),
  );
  exportFor(
    '/facility/restaurant/reservations/export',
    (request) => ({ type: 'restaurant', id: restaurantOf(request) }),
    (input) => parseTableFilter(input),
    (request, form, errors) => tableReservationListPage(request.staff, form, [], null, errors),
    ({ hotelId: _hotel, ...filter }, scope) => exportTableReservationsCsv(database.db, { ...filter, restaurantId: scope.id }),
  );
}

/**
 * Serves what the storage adapters (local disk or S3) link to. It sits outside the staff session on
 * purpose: the signature is the authority, and it names one object until a set time.
 */
export function registerSignedDownloads(app: HttpApp, { storage, signingSecret }: FacilityAppDeps): void {
  const signature = new UrlSignature(signingSecret);
  app.get<{ Params: { '*': string }; Querystring: Record<string, unknown> }>(`${FILES_PREFIX}*`, async (request, reply) => {
    const result = await openSignedObject(storage, signature, {
      key: request.params['*'],
      expires: request.query.expires,
      signature: request.query.signature,
    });
    if (result.status === 'missing') throw notFound(FacilityErrors.FILE_NOT_FOUND, 'This file no longer exists');
    if (result.status !== 'ok') {
      throw new DomainError('forbidden', FacilityErrors.LINK_NOT_VALID, result.status === 'expired' ? 'This download link has expired' : 'This download link is not valid');
    }
    const { object } = result;
    return reply
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', object.contentDisposition?.startsWith('attachment') ? object.contentDisposition : 'attachment')
      .header('content-length', object.size)
      .type(object.contentType)
      .send(object.body);
  });
}
