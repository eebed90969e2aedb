import type { ManagedRoomType } from '@hatago/catalog';
import type { StaffAccount } from '@hatago/identity';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { field, formAlert, textArea } from '@hatago/web-kit';
import { facilityPage, savedNotice } from './facility-page.ts';
import type { FormValues } from './form-values.ts';

export function roomTypeListPage(staff: StaffAccount, roomTypes: ManagedRoomType[], query: unknown): string {
  return facilityPage(
    staff,
    'Room types',
    html`<h1>Room types</h1>${savedNotice(query)}
<p><a class="button" href="/facility/room-types/new">Add a room type</a></p>
<table><thead><tr><th>Name</th><th>名前</th><th>Capacity</th><th>Size</th><th></th></tr></thead><tbody>${roomTypes.map(
      (rt) => html`<tr><td>${rt.nameEn}</td><td>${rt.nameJa}</td><td>${rt.capacity}</td><td>${rt.sizeSqm} m²</td>
<td class="actions"><a href="/facility/room-types/${rt.id}">Edit</a><a href="/facility/inventory/${rt.id}">Inventory</a></td></tr>`,
    )}</tbody></table>`,
  );
}

const FIELDS = ['nameJa', 'nameEn', 'capacity', 'sizeSqm', 'description'];

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
  ${field({ name: 'sizeSqm', label: 'Size (m²)', type: 'number', value: values.sizeSqm ?? '30', required: true, attrs: { min: 1, max: 1000 } }, errors)}
  ${textArea({ name: 'description', label: 'Description', value: values.description, maxLength: 2000 }, errors)}
  <button type="submit">Save</button>
</form>
<p><a href="/facility/room-types">Back to room types</a></p>`,
  );
}
