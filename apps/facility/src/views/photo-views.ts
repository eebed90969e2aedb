import type { StaffAccount } from '@hatago/identity';
import { GALLERY_PHOTOS_MAX, type GalleryPhoto, imageUrl } from '@hatago/images';
import type { FieldError } from '@hatago/platform/errors';
import { html } from '@hatago/platform/html';
import { field, formAlert } from '@hatago/web-kit';
import { facilityPage, savedNotice } from './facility-page.ts';
import type { FormValues } from './form-values.ts';

const UPLOAD_FIELDS = ['image', 'altJa', 'altEn'];

/**
 * A hotel's or a restaurant's gallery: guests see the photos in this order on its page, the
 * first one in search results. The upload form posts multipart; the others are plain forms, so the
 * page works without JavaScript.
 */
export function photoGalleryPage(
  staff: StaffAccount,
  { owner, basePath }: { owner: string; basePath: string },
  photos: GalleryPhoto[],
  upload: { values: FormValues; errors: FieldError[] }, query?: unknown,
): string {
  const { values, errors } = upload;
  return facilityPage(
    staff,
    'Photos',
    html`<h1>Photos</h1>${savedNotice(query)}
<p>Guests see these in this order on the ${owner}'s page; the first one also in search results. At most ${GALLERY_PHOTOS_MAX} photos.</p>
<ol class="photos">${photos.map(
      (photo, i) => html`<li>
<img src="${imageUrl(photo.imageKey, 320)}" alt="${photo.altEn}" width="160">
<form class="stack" method="post" action="${basePath}/${photo.id}">
  ${field({ name: 'altJa', label: 'Description (Japanese)', value: photo.altJa, required: true })}
  ${field({ name: 'altEn', label: 'Description (English)', value: photo.altEn, required: true })}
  <button type="submit">Save descriptions</button>
</form>
<div class="actions">${
        i > 0 ? moveButton(basePath, photo.id, 'earlier', 'Move earlier') : ''
      }${i < photos.length - 1 ? moveButton(basePath, photo.id, 'later', 'Move later') : ''}
<form method="post" action="${basePath}/${photo.id}/delete"><button type="submit">Delete</button></form></div>
</li>`,
    )}</ol>
<h2>Add a photo</h2>${formAlert(errors, UPLOAD_FIELDS)}
<form class="stack" method="post" action="${basePath}" enctype="multipart/form-data">
  <label class="${errors.some((e) => e.field === 'image') ? 'field-error' : ''}">Photo (JPEG, PNG, WebP, AVIF; up to 15 MB)<input type="file" name="image" accept="image/jpeg,image/png,image/webp,image/avif" required>${
    errors.filter((e) => e.field === 'image').map((e) => html`<span class="error-text">${e.message}</span>`)
  }</label>
  ${field({ name: 'altJa', label: 'Description (Japanese), read aloud to guests who cannot see it', value: values.altJa, required: true }, errors)}
  ${field({ name: 'altEn', label: 'Description (English)', value: values.altEn, required: true }, errors)}
  <button type="submit">Upload</button>
</form>`,
  );
}

const moveButton = (basePath: string, id: number, direction: 'earlier' | 'later', label: string) =>
  html`<form method="post" action="${basePath}/${id}/move"><input type="hidden" name="direction" value="${direction}"><button type="submit">${label}</button></form>`;
