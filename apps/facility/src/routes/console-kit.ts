import type { FastifyReply, FastifyRequest } from 'fastify';
import { type CatalogChangePublisher, type FormInput, type ManagementContext, parseMonth } from '@hatago/catalog';
import type { DiningContext, RestaurantManagementContext } from '@hatago/dining';
import { DomainError, type FieldError } from '@hatago/platform/errors';
import { FacilityErrors } from '../facility-errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where committed catalogue changes go (set once by buildFacilityApp). */
    catalogChanges: CatalogChangePublisher;
    /** The database and where committed restaurant changes go (set once by buildFacilityApp). */
    dining: DiningContext;
  }
}

/** The signed-in facility account's hotel, actor and request: the scope of every query. */
export function contextOf(request: FastifyRequest): ManagementContext {
  const { staff } = request;
  if (staff.hotelId === null) throw new DomainError('forbidden', FacilityErrors.NO_HOTEL, 'This account is not linked to a hotel');
  return { hotelId: staff.hotelId, actor: { id: staff.id, name: staff.name }, requestId: String(request.id), changes: request.server.catalogChanges };
}

export const hotelOf = (request: FastifyRequest) => contextOf(request).hotelId;

/** The signed-in account's restaurant, as the scope of every restaurant query and change; a hotel's account is refused. */
export function restaurantContextOf(request: FastifyRequest): RestaurantManagementContext {
  const { staff } = request;
  if (staff.restaurantId === null) throw new DomainError('forbidden', FacilityErrors.NO_RESTAURANT, 'This account is not linked to a restaurant');
  return {
    ...request.server.dining,
    restaurantId: staff.restaurantId,
    actor: { id: staff.id, name: staff.name },
    requestId: String(request.id),
  };
}

export const restaurantOf = (request: FastifyRequest) => restaurantContextOf(request).restaurantId;

export function formOf(request: FastifyRequest): FormInput {
  return typeof request.body === 'object' && request.body !== null ? (request.body as FormInput) : {};
}

export function sendPage(reply: FastifyReply, page: string, status = 200): string {
  reply.code(status).type('text/html; charset=utf-8');
  return page;
}

/**
 * Runs a form's action and redirects after it (post/redirect/get); when the input is
 * refused, the same form comes back with its field errors, status 422. Nothing else is
 * caught: a missing record stays a 404.
 */
export async function submitForm(
  reply: FastifyReply,
  action: () => Promise<string>,
  rerender: (errors: FieldError[]) => Promise<string> | string,
): Promise<unknown> {
  let location: string;
  try {
    location = await action();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid') return sendPage(reply, await rerender(error.fields), 422);
    throw error;
  }
  return reply.redirect(location, 303);
}

/** The month a submitted date falls in, to show the calendar where the change landed. */
export const monthOf = (date: unknown) => parseMonth(typeof date === 'string' ? date.slice(0, 7) : undefined);
