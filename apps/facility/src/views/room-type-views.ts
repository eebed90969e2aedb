import { BED_TYPE_CODES, BED_TYPES, type ManagedRoomType, ROOM_SIZE_SQM, ROOM_VIEW_CODES, ROOM_VIEWS } from '@hatago/catalog';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { field, formAlert, select, textArea } from '@hatago/web-kit';
import { facilityPage, savedNotice, scrollRegion } from './facility-page.ts';
import type { FormValues } from './form-values.ts';

export function roomTypeListPage(staff: StaffAccount, roomTypes: ManagedRoomType[], query: unknown): string {
  return facilityPage(
    staff,
    'Room types',
    html`<h1>Room types</h1>${savedNotice(query)}
<p><a class="button" href="/facility/room-types/new">Add a room type</a></p>
${scrollRegion('Room types', html`<table><thead><tr><th>Name</th><th>名前</th><th>Capacity</th><th>Size</th><th>Beds</th><th></th></tr></thead><tbody>${roomTypes.map(
      (rt) => html`<tr><td>${rt.nameEn}</td><td>${rt.nameJa}</td><td>${rt.capacity}</td><td>${rt.sizeSqm} m²</td><td>${rt.bedType ? BED_TYPES[rt.bedType].en : 'Not stated yet'}</td>
<td class="actions"><a href="/facility/room-types/${rt.id}">Edit</a><a href="/facility/inventory/${rt.id}">Inventory</a></td></tr>`,
    )}</tbody></table>`)}`,
  );
}

const FIELDS = ['nameJa', 'nameEn', 'capacity', 'sizeSqm', 'bedType', 'view', 'descriptionJa', 'descriptionEn'];

/** Both languages on each option: staff read either, guests see the one they browse in. */
const bothLabels = (label: { ja: string; en: string }) => `${label.en} / ${label.ja}`;

/** The same form creates (no id) and edits a room type. */
export function roomTypeFormPage(staff: StaffAccount, id: number | null, values: FormValues, errors: FieldError[] = []): string {
  const title = id === null ? 'New room type' : `Edit ${values.nameEn ?? 'room type'}`;
  return facilityPage(
    staff,
    title,
    html`<h1>${title}</h1>${formAlert(errors, FIELDS)}
<form class="stack" method="post" action="${id === null ? '/facility/room-types' : `/facility/room-types/${id}`}">
  ${field({ name: 'nameJa', label: 'Name (Japanese)', value: values.nameJa, required: true }, errors)}
  ${field({ name: 'nameEn', label: 'Name (English)', value: values.nameEn, required: true }, errors)}
  ${field({ name: 'capacity', label: 'Capacity (guests, 1–8)', type: 'number', value: values.capacity ?? '2', required: true, attrs: { min: 1, max: 8 } }, errors)}
  ${field({ name: 'sizeSqm', label: `Size (m², ${ROOM_SIZE_SQM.min}–${ROOM_SIZE_SQM.max})`, type: 'number', value: values.sizeSqm ?? '30', required: true, attrs: ROOM_SIZE_SQM }, errors)}
  ${select(
    {
      name: 'bedType',
      label: 'Bed type',
      value: values.bedType,
      options: [{ value: '', label: 'Choose the beds' }, ...BED_TYPE_CODES.map((code) => ({ value: code, label: bothLabels(BED_TYPES[code]) }))],
    },
    errors,
  )}
  ${select(
    {
      name: 'view',
      label: 'View (optional)',
      value: values.view,
      options: [{ value: '', label: 'Not stated' }, ...ROOM_VIEW_CODES.map((code) => ({ value: code, label: bothLabels(ROOM_VIEWS[code]) }))],
    },
    errors,
  )}
  ${textArea({ name: 'descriptionJa', label: 'Description (Japanese)', value: values.descriptionJa, maxLength: 2000 }, errors)}
  ${textArea({ name: 'descriptionEn', label: 'Description (English)', value: values.descriptionEn, maxLength: 2000 }, errors)}
  <button type="submit">Save</button>
</form>
<p><a href="/facility/room-types">Back to room types</a></p>`,
  );
}
