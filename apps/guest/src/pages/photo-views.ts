import { type PhotoView, responsiveImage } from '@hatago/images';
import { html, type SafeHtml } from '@hatago/platform/html';

/**
 * A stored photo as an `<img>` the browser sizes itself: every listed width in `srcset`,
 * `sizes` saying how wide the layout shows it, and the intrinsic width and height so the
 * page keeps its place while the image loads. Only the first image a page shows loads at once.
 */
export function photoImage(photo: PhotoView, options: { sizes: string; defaultWidth: number; eager?: boolean; className?: string }): SafeHtml {
  const image = responsiveImage(photo.key, options.defaultWidth);
  if (!image) return html``;
  return html`<img src="${image.src}" srcset="${image.srcset}" sizes="${options.sizes}" width="${image.width}" height="${image.height}" alt="${photo.alt}" decoding="async"${
    options.eager ? html` fetchpriority="high"` : html` loading="lazy"`
  }${options.className ? html` class="${options.className}"` : ''}>`;
}

/**
 * A hotel's or a restaurant's page photos as a list of figures, each with its alt text: the
 * first across the page and loaded at once, the others in a grid below it, loaded as they
 * near the screen. `role="list"` keeps the list a list to VoiceOver, which drops it when the
 * bullets are styled away.
 */
export function photoGallery(photos: PhotoView[], label: string): SafeHtml {
  const [cover, ...rest] = photos;
  if (!cover) return html``;
  return html`<section class="gallery" aria-label="${label}">
<ul role="list">
<li class="gallery-cover"><figure>${photoImage(cover, { sizes: '(min-width: 72rem) 69rem, 100vw', defaultWidth: 1280, eager: true, className: 'cover' })}</figure></li>
${rest.map((photo) => html`<li><figure>${photoImage(photo, { sizes: '(min-width: 40rem) 16rem, 50vw', defaultWidth: 320 })}</figure></li>`)}
</ul>
</section>`;
}

/** A search result's cover photo. */
export const resultPhoto = (photo: PhotoView | null): SafeHtml =>
  photo ? photoImage(photo, { sizes: '(min-width: 40rem) 14rem, 100vw', defaultWidth: 320, className: 'result-photo' }) : html``;
