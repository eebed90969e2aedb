import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { field, formAlert, textArea } from '@hatago/web-kit';
import { facilityPage, savedNotice } from './facility-page.ts';
import type { FormValues } from './form-values.ts';

const FIELDS = ['nameJa', 'nameEn', 'descriptionJa', 'descriptionEn', 'address', 'checkinTime', 'checkoutTime', 'contactEmail', 'serviceChargePercent'];

/** The hotel's own profile: what guests read on its page and in search, and where its notices go. */
export function hotelProfilePage(staff: StaffAccount, values: FormValues, errors: FieldError[] = [], query?: unknown): string {
  return facilityPage(
    staff,
    'Hotel profile',
    html`<h1>Hotel profile</h1>${savedNotice(query)}${formAlert(errors, FIELDS)}
<p>Guests see a saved change on the hotel's page and in search at once.</p>
<form class="stack" method="post" action="/facility/hotel">
  ${field({ name: 'nameJa', label: 'Name (Japanese)', value: values.nameJa, required: true }, errors)}
  ${field({ name: 'nameEn', label: 'Name (English)', value: values.nameEn, required: true }, errors)}
  ${textArea({ name: 'descriptionJa', label: 'Description (Japanese)', value: values.descriptionJa, maxLength: 4000 }, errors)}
  ${textArea({ name: 'descriptionEn', label: 'Description (English)', value: values.descriptionEn, maxLength: 4000 }, errors)}
  ${field({ name: 'address', label: 'Address', value: values.address, required: true }, errors)}
  ${field({ name: 'checkinTime', label: 'Check-in from (HH:MM)', value: values.checkinTime, required: true, attrs: { placeholder: '15:00' } }, errors)}
  ${field({ name: 'checkoutTime', label: 'Check-out by (HH:MM)', value: values.checkoutTime, required: true, attrs: { placeholder: '10:00' } }, errors)}
  ${field({ name: 'contactEmail', label: 'Front desk email (reservation and cancellation notices; empty for none)', type: 'email', value: values.contactEmail, attrs: { autocomplete: 'email' } }, errors)}
  ${field({ name: 'serviceChargePercent', label: 'Service charge, % of the room charge (already inside your prices: guests see it apart, never pay more; 0 for none)', type: 'number', value: values.serviceChargePercent, required: true, attrs: { min: 0, max: 30 } }, errors)}
  <button type="submit">Save</button>
</form>`,
  );
}
