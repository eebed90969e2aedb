import {
  createPlan,
  getPlan,
  listPlans,
  listRoomTypes,
  type ManagedPlan,
  parseMonth,
  planPriceMonth,
  setPlanActive,
  updatePlan,
} from '@hatago/catalog';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from '@hatago/platform/http';
import type { FacilityAppDeps } from '../deps.ts';
import { valuesOf } from '../views/form-values.ts';
import { newPlanPage, planListPage, planPage, type PlanPageState } from '../views/plan-views.ts';
import { contextOf, formOf, hotelOf, sendPage, submitForm } from './console-kit.ts';

type IdParams = { Params: { id: string } };

const termsOf = (plan: ManagedPlan) =>
  valuesOf({ ...plan, payment: plan.guaranteeRequired ? 'guarantee' : 'at_hotel', saleStart: plan.saleStart ?? '', saleEnd: plan.saleEnd ?? '' });

export function registerPlanRoutes(app: HttpApp, { database }: FacilityAppDeps): void {
  const { db } = database;

  const renderPlan = async (request: FastifyRequest, plan: ManagedPlan, month: string, state: Partial<PlanPageState>) =>
    planPage(request.staff, plan, {
      month,
      prices: await planPriceMonth(db, hotelOf(request), plan.id, month),
      planValues: termsOf(plan),
      ...state,
    });

  app.get('/facility/plans', async (request, reply) => sendPage(reply, planListPage(request.staff, await listPlans(db, hotelOf(request)), request.query)));

  app.get('/facility/plans/new', async (request, reply) =>
    sendPage(reply, newPlanPage(request.staff, await listRoomTypes(db, hotelOf(request)), {})),
  );

  app.post('/facility/plans', async (request, reply) => {
    const form = formOf(request);
    return submitForm(
      reply,
      async () => `/facility/plans/${(await createPlan(db, contextOf(request), form)).id}?saved=0`,
      async (errors) => newPlanPage(request.staff, await listRoomTypes(db, hotelOf(request)), valuesOf(form), errors),
    );
  });

  app.get<IdParams & { Querystring: { month?: string } }>('/facility/plans/:id', async (request, reply) => {
    const plan = await getPlan(db, hotelOf(request), request.params.id);
    return sendPage(reply, await renderPlan(request, plan, parseMonth(request.query.month), { query: request.query }));
  });

  app.post<IdParams>('/facility/plans/:id', async (request, reply) => {
    const plan = await getPlan(db, hotelOf(request), request.params.id);
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await updatePlan(db, contextOf(request), plan.id, form);
        return `/facility/plans/${plan.id}?saved=0`;
      },
      (planErrors) => renderPlan(request, plan, parseMonth(undefined), { planValues: valuesOf(form), planErrors }),
    );
  });

  app.post<IdParams>('/facility/plans/:id/active', async (request, reply) => {
    const plan = await setPlanActive(db, contextOf(request), request.params.id, formOf(request).active === 'true');
    return reply.redirect(`/facility/plans/${plan.id}?saved=0`, 303);
  });
}
