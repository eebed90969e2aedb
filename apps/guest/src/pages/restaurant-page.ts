import { photoIn } from '@hatago/images';
import { type CourseProfile, DINING_EDGE_KEYS, getRestaurantAvailability, getRestaurantCalendar, getRestaurantProfile, type RestaurantAvailability, type RestaurantProfile } from '@hatago/dining';
import { DomainError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { parseId } from '@hatago/platform/input';
import type { HttpApp } from '@hatago/platform/http';
import { tokyoToday } from '@hatago/platform/time';
import type { GuestServices } from '../deps.ts';
import { availabilityCalendar, calendarSpan, type CalendarCell } from './availability-calendar.ts';
import { defaultDiningValues, diningForm, diningParams, readDiningQuery } from './dining-form.ts';
import { formatDate, formatPrice, formatTime } from './formats.ts';
import { type Lang, langOf, t } from './i18n.ts';
import { link, notFoundPage, otherLangOf, paramsOf, sendPage } from './page-kit.ts';
import { photoGallery } from './photo-views.ts';

/** Restaurants show two months ahead: most courses open for booking a month or two before. */
const RESTAURANT_CALENDAR_MONTHS = 2;

export function registerRestaurantPage(app: HttpApp, { catalog, database }: GuestServices): void {
  app.get('/restaurants/:id', async (request, reply) => {
    const query = paramsOf(request.query);
    const lang = langOf(query.lang);
    const text = t(lang);
    const restaurantId = parseId((request.params as { id?: string }).id);
    if (restaurantId === undefined) return notFoundPage(reply, lang, text.restaurantNotFound);
    const values = { ...defaultDiningValues(), ...query };
    const { query: dining, errors } = readDiningQuery({ date: values.date ?? '', party: values.party ?? '' }, lang);
    let profile: RestaurantProfile;
    let day: RestaurantAvailability | undefined;
    try {
      profile = await getRestaurantProfile(database.db, restaurantId);
      day = dining ? await getRestaurantAvailability(database.db, restaurantId, dining) : undefined;
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') return notFoundPage(reply, lang, text.restaurantNotFound);
      throw error;
    }
    const today = tokyoToday();
    const span = calendarSpan(today, RESTAURANT_CALENDAR_MONTHS);
    // the calendar keeps the party the guest chose, or two while the form is invalid
    const party = dining?.party ?? 2;
    const calendar = await getRestaurantCalendar(database.db, restaurantId, { from: span.from, days: span.days, party });
    const cells: CalendarCell[] = calendar.map((d) => ({ date: d.date, state: d.times.length === 0 ? 'full' : d.times.length === 1 ? 'few' : 'open', price: d.minPrice }));
    const areaName = (await catalog.listAreas(lang)).find((a) => a.id === profile.areaId)?.name ?? profile.areaId;

    return sendPage(reply, {
      lang,
      title: profile.name[lang],
      cache: 'public',
      surrogateKeys: [DINING_EDGE_KEYS.restaurant(restaurantId)],
      status: dining ? 200 : 422,
      otherLang: otherLangOf(request, lang),
      body: html`<h1>${profile.name[lang]}</h1>
<p class="muted">${areaName} · ${text.cuisines[profile.cuisine]} · ${text.priceBand(profile.priceBand)}</p>
${photoGallery(profile.photos.map((photo) => photoIn(photo, lang)), text.photos)}
<p>${profile.description[lang]}</p>
<dl class="summary">
  <dt>${text.address}</dt><dd>${profile.address}</dd>
  <dt>${text.openingHours}</dt><dd>${formatTime(lang, profile.opensAt)} – ${formatTime(lang, profile.closesAt)}</dd>
  ${profile.bookingMode === 'request' ? html`<dt>${text.bookingMode}</dt><dd>${text.requestBookingNote}</dd>` : ''}
</dl>
<h2>${text.changeDateOrParty}</h2>
${diningForm({ action: `/restaurants/${restaurantId}`, lang, values, errors })}
${day ? seatingsOf(day, profile.courses, lang, query.time) : ''}
<h2>${text.courses}</h2>
${profile.courses.map((course) => courseCard(course, lang))}
<h2 id="calendar">${text.calendar}</h2>
${availabilityCalendar(cells, today, lang, (date) => link(`/restaurants/${restaurantId}`, { date, party }, lang), {
  months: RESTAURANT_CALENDAR_MONTHS,
  legend: text.diningCalendarLegend,
  marks: text.diningCalendarMarks,
  price: (yen) => formatPrice(lang, yen),
})}`,
    });
  });
}

/** Every seating of the chosen day, each bookable one with the courses the party may choose there. */
function seatingsOf(day: RestaurantAvailability, courses: CourseProfile[], lang: Lang, chosenTime: string | undefined): SafeHtml {
  const text = t(lang);
  const byId = new Map(courses.map((c) => [c.id, c]));
  const bookHref = (time: string, courseId: number) =>
    link('/book/table', { restaurantId: day.restaurant.id, courseId, time, ...diningParams(day) }, lang);
  return html`<h2 id="seatings">${text.seatingsOn(formatDate(lang, day.date), day.party)}</h2>
${day.closed ? html`<p class="notice">${text.closedThatDay}</p>` : ''}
<table class="plans">
<tbody>${day.seatings.map(
    (seating) => html`<tr data-testid="seating"${seating.time === chosenTime ? html` class="chosen"` : ''}>
  <td><strong>${formatTime(lang, seating.time)}</strong><div class="muted">${text.minutes(seating.durationMinutes)}</div></td>
  <td>${
    seating.available
      ? seating.courseIds.map((id) => {
          const course = byId.get(id);
          return course
            ? html`<div>${course.name[lang]} <span class="price">${course.seatOnly ? text.seatOnly : formatPrice(lang, course.pricePerPerson)}</span>
  <a class="button" data-testid="book-course" href="${bookHref(seating.time, id)}">${text.book}</a></div>`
            : '';
        })
      : html`<span class="muted">${text.seatingFull}</span>`
  }</td>
</tr>`,
  )}</tbody>
</table>`;
}

function courseCard(course: CourseProfile, lang: Lang): SafeHtml {
  const text = t(lang);
  return html`<section class="card" data-testid="course">
<h3>${course.name[lang]}</h3>
<p class="muted">${course.seatOnly ? text.seatOnly : html`${formatPrice(lang, course.pricePerPerson)} ${text.perPerson}`} · ${text.partyRange(course.minParty, course.maxParty)}</p>
${course.description[lang] ? html`<p>${course.description[lang]}</p>` : ''}
<p class="muted">${text.cancelFees(course.cancelFees)}</p>
</section>`;
}
