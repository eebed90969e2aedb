import { AMENITIES, AMENITY_CODES } from '@hatago/catalog';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { errorFor, field, formAlert, select, textArea } from '@hatago/web-kit';
import { facilityPage, savedNotice } from './facility-page.ts';
import type { FormValues } from './form-values.ts';

const FIELDS = ['amenities', 'childrenMinAge', 'smoking', 'accessJa', 'accessEn'];

/** What the form shows: the stored or sent-back values, and the ticked amenities apart (a field may repeat). */
export interface FeatureValues {
  values: FormValues;
  amenities: readonly string[];
}

/** What the hotel offers and its house rules: guests filter search by the amenities and read both on the hotel's page. */
export function hotelAmenitiesPage(staff: StaffAccount, form: FeatureValues, errors: FieldError[] = [], query?: unknown): string {
  const amenitiesError = errorFor(errors, 'amenities');
  return facilityPage(
    staff,
    'Amenities and policies',
    html`<h1>Amenities and policies</h1>${savedNotice(query)}${formAlert(errors, FIELDS)}
<p>Guests filter search results by these amenities and read them, with your policies, on your hotel's page at once.</p>
<form class="stack" method="post" action="/facility/hotel/amenities">
  <fieldset${amenitiesError ? html` aria-describedby="amenities-error"` : ''}>
    <legend>Amenities (tick every one the hotel offers)</legend>
    ${amenitiesError ? html`<p class="error-text" id="amenities-error">${amenitiesError}</p>` : ''}
    ${AMENITY_CODES.map(
      (code) =>
        html`<label><input type="checkbox" name="amenities" value="${code}"${form.amenities.includes(code) ? html` checked` : ''}> ${AMENITIES[code].en} / <span lang="ja">${AMENITIES[code].ja}</span></label>`,
    )}
  </fieldset>
  ${field({ name: 'childrenMinAge', label: "Children's minimum age (0: children of every age welcome; 18: adults only)", type: 'number', value: form.values.childrenMinAge, required: true, attrs: { min: 0, max: 18 } }, errors)}
  ${select(
    {
      name: 'smoking',
      label: 'Smoking',
      value: form.values.smoking,
      options: [
        { value: 'non_smoking', label: 'Non-smoking throughout' },
        { value: 'smoking_rooms', label: 'Smoking rooms available' },
        { value: 'smoking_area', label: 'Non-smoking, with a smoking area' },
      ],
    },
    errors,
  )}
  <p>Pets: tick "Pets allowed" among the amenities. Check-in and check-out times are on the <a href="/facility/hotel">hotel profile</a>.</p>
  ${textArea({ name: 'accessJa', label: 'Access (Japanese), e.g. 京都駅から車で15分', value: form.values.accessJa, maxLength: 500 }, errors)}
  ${textArea({ name: 'accessEn', label: 'Access (English), e.g. 15 minutes by car from Kyoto Station', value: form.values.accessEn, maxLength: 500 }, errors)}
  <button type="submit">Save</button>
</form>`,
  );
}
