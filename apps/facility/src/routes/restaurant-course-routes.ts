import { getCourse, listCourses, saveCourse } from '@hatago/dining';
import type { HttpApp } from '@hatago/platform/http';
import type { FacilityAppDeps } from '../deps.ts';
import { textOf, valuesOf } from '../views/form-values.ts';
import { courseFormPage, courseListPage, courseValues } from '../views/restaurant-course-views.ts';
import { formOf, restaurantContextOf, restaurantOf, sendPage, submitForm } from './console-kit.ts';

type IdParams = { Params: { id: string } };

/** The days boxes as submitted, to tick them again on a refused form. */
const daysOf = (form: Record<string, unknown>) => (Array.isArray(form.day) ? form.day : [form.day]).map(textOf).filter(Boolean);

export function registerRestaurantCourseRoutes(app: HttpApp, { database }: FacilityAppDeps): void {
  const { db } = database;

  app.get('/facility/restaurant/courses', async (request, reply) => sendPage(reply, courseListPage(request.staff, await listCourses(db, restaurantOf(request)), request.query)));

  app.get('/facility/restaurant/courses/new', async (request, reply) => {
    restaurantOf(request); // refuses a hotel's account (403), as every restaurant page does
    return sendPage(reply, courseFormPage(request.staff, null, { active: 'on' }, ['1', '2', '3', '4', '5', '6', '7']));
  });

  app.post('/facility/restaurant/courses', async (request, reply) => {
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await saveCourse(restaurantContextOf(request), null, form);
        return '/facility/restaurant/courses?saved=0';
      },
      (errors) => courseFormPage(request.staff, null, valuesOf(form), daysOf(form), errors),
    );
  });

  app.get<IdParams>('/facility/restaurant/courses/:id', async (request, reply) => {
    const course = await getCourse(db, restaurantOf(request), request.params.id);
    const { values, days } = courseValues(course);
    return sendPage(reply, courseFormPage(request.staff, course.id, values, days));
  });

  app.post<IdParams>('/facility/restaurant/courses/:id', async (request, reply) => {
    const course = await getCourse(db, restaurantOf(request), request.params.id);
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await saveCourse(restaurantContextOf(request), course.id, form);
        return '/facility/restaurant/courses?saved=0';
      },
      (errors) => courseFormPage(request.staff, course.id, valuesOf(form), daysOf(form), errors),
    );
  });
}
