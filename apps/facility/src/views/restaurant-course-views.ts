import type { ManagedCourse } from '@hatago/dining';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { errorFor, field, formAlert, textArea, yen } from '@hatago/web-kit';
import { facilityPage, savedNotice, scrollRegion } from './facility-page.ts';
import type { FormValues } from './form-values.ts';

const ISO_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const FIELDS = ['nameJa', 'nameEn', 'descriptionJa', 'descriptionEn', 'pricePerPerson', 'minParty', 'maxParty', 'day', 'servedFrom', 'servedUntil', 'advanceDays', 'cutoffMinutes', 'cancelFees'];

export const feeRulesText = (course: Pick<ManagedCourse, 'cancelFees'>) => course.cancelFees.map((r) => `${r.withinHours}:${r.percent}`).join(', ');

const feesLabel = (course: ManagedCourse) =>
  course.cancelFees.length ? course.cancelFees.map((r) => `${r.percent}% within ${r.withinHours} h`).join('; ') : 'Free';

/** The form's values from a stored course: what the edit page starts from. */
export function courseValues(course: ManagedCourse): { values: FormValues; days: string[] } {
  return {
    values: {
      nameJa: course.name.ja,
      nameEn: course.name.en,
      descriptionJa: course.description.ja,
      descriptionEn: course.description.en,
      pricePerPerson: String(course.pricePerPerson),
      seatOnly: course.seatOnly ? 'on' : '',
      minParty: String(course.minParty),
      maxParty: String(course.maxParty),
      servedFrom: course.servedFrom,
      servedUntil: course.servedUntil,
      advanceDays: String(course.advanceDays),
      cutoffMinutes: String(course.cutoffMinutes),
      cancelFees: feeRulesText(course),
      active: course.active ? 'on' : '',
    },
    days: course.weekdays.map(String),
  };
}

export function courseListPage(staff: StaffAccount, courses: ManagedCourse[], query: unknown): string {
  return facilityPage(
    staff,
    'Courses',
    html`<h1>Courses and plans</h1>${savedNotice(query)}
<p><a class="button" href="/facility/restaurant/courses/new">Add a course</a></p>
${scrollRegion('Courses', html`<table><thead><tr><th>Course</th><th>Per person</th><th>Party</th><th>Days</th><th>Served</th><th>Book</th><th>Cancellation</th><th>State</th></tr></thead><tbody>${courses.map(
      (c) => html`<tr><td><a href="/facility/restaurant/courses/${c.id}">${c.name.en}</a><div class="muted">${c.name.ja}${c.seatOnly ? ' · seat only' : ''}</div></td>
<td>${yen(c.pricePerPerson)}</td><td>${c.minParty}–${c.maxParty}</td><td>${c.weekdays.map((d) => ISO_DAYS[d - 1]).join(' ')}</td><td>${c.servedFrom}–${c.servedUntil}</td>
<td>up to ${c.advanceDays} days ahead, until ${c.cutoffMinutes} min before</td><td>${feesLabel(c)}</td><td>${c.active ? 'On sale' : 'Inactive'}</td></tr>`,
    )}</tbody></table>`)}`,
  );
}

/** Adds (`courseId` null) or edits a course; a refused form comes back as typed with its errors. */
export function courseFormPage(staff: StaffAccount, courseId: number | null, values: FormValues, days: string[], errors: FieldError[] = []): string {
  const dayError = errorFor(errors, 'day');
  const checked = (name: string) => (values[name] ? html` checked` : '');
  return facilityPage(
    staff,
    courseId === null ? 'New course' : values.nameEn || 'Course',
    html`<h1>${courseId === null ? 'New course' : values.nameEn}</h1>${formAlert(errors, FIELDS)}
<form class="stack" method="post" action="/facility/restaurant/courses${courseId === null ? '' : `/${courseId}`}">
  ${field({ name: 'nameJa', label: 'Name (Japanese)', value: values.nameJa, required: true }, errors)}
  ${field({ name: 'nameEn', label: 'Name (English)', value: values.nameEn, required: true }, errors)}
  ${textArea({ name: 'descriptionJa', label: 'Description (Japanese)', value: values.descriptionJa, maxLength: 2000 }, errors)}
  ${textArea({ name: 'descriptionEn', label: 'Description (English)', value: values.descriptionEn, maxLength: 2000 }, errors)}
  ${field({ name: 'pricePerPerson', label: 'Price per person (yen)', type: 'number', value: values.pricePerPerson, required: true, attrs: { min: 0 } }, errors)}
  <label><input type="checkbox" name="seatOnly" value="on"${checked('seatOnly')}> Seat only (no set menu; the price is a seat charge)</label>
  ${field({ name: 'minParty', label: 'Smallest party', type: 'number', value: values.minParty ?? '1', required: true, attrs: { min: 1, max: 20 } }, errors)}
  ${field({ name: 'maxParty', label: 'Largest party', type: 'number', value: values.maxParty ?? '6', required: true, attrs: { min: 1, max: 20 } }, errors)}
  <fieldset class="${dayError ? 'field-error' : ''}"><legend>Offered on</legend>${ISO_DAYS.map(
    (day, i) => html`<label><input type="checkbox" name="day" value="${i + 1}"${days.includes(String(i + 1)) ? html` checked` : ''}>${day}</label>`,
  )}${dayError ? html`<span class="error-text">${dayError}</span>` : ''}</fieldset>
  ${field({ name: 'servedFrom', label: 'Served at seatings from', value: values.servedFrom ?? '00:00', required: true }, errors)}
  ${field({ name: 'servedUntil', label: 'Served at seatings until', value: values.servedUntil ?? '23:59', required: true }, errors)}
  ${field({ name: 'advanceDays', label: 'Bookable up to (days ahead)', type: 'number', value: values.advanceDays ?? '60', required: true, attrs: { min: 1, max: 365 } }, errors)}
  ${field({ name: 'cutoffMinutes', label: 'Online booking closes (minutes before the seating)', type: 'number', value: values.cutoffMinutes ?? '120', required: true, attrs: { min: 0, max: 10080 } }, errors)}
  ${field({ name: 'cancelFees', label: 'Cancellation fees, hours:percent (e.g. 48:50, 24:100; empty = free)', value: values.cancelFees }, errors)}
  <label><input type="checkbox" name="active" value="on"${checked('active')}> On sale</label>
  <button type="submit">${courseId === null ? 'Add course' : 'Save course'}</button>
</form>
<p><a href="/facility/restaurant/courses">Back to courses</a></p>`,
  );
}
