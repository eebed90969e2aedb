import { ADULTS_ONLY_AGE, AMENITIES, type HotelSummary, type SmokingPolicy } from '@hatago/catalog';
import { html, type SafeHtml } from '@hatago/platform/html';
import { type Lang, t } from './i18n.ts';

const SMOKING: Record<Lang, Record<SmokingPolicy, string>> = {
  ja: { non_smoking: '全館禁煙', smoking_rooms: '喫煙可能な客室あり', smoking_area: '館内禁煙（喫煙所あり）' },
  en: { non_smoking: 'Non-smoking throughout', smoking_rooms: 'Smoking rooms available', smoking_area: 'Non-smoking (smoking area provided)' },
};

/** What the hotel offers and its house rules (its check-in and check-out times stand in the page's summary above). */
export function hotelAmenitiesSection(hotel: HotelSummary, lang: Lang): SafeHtml {
  const text = t(lang);
  const p = hotel.policies;
  return html`<section aria-labelledby="amenities-heading">
<h2 id="amenities-heading">${text.amenitiesHeading}</h2>
${
  hotel.amenities.length
    ? html`<ul class="amenity-tags" data-testid="hotel-amenities">${hotel.amenities.map((code) => html`<li>${AMENITIES[code][lang]}</li>`)}</ul>`
    : html`<p class="muted">${text.noAmenities}</p>`
}
<h3>${text.policiesHeading}</h3>
<dl class="summary" data-testid="hotel-policies">
  <dt>${text.childrenPolicy}</dt><dd>${
    p.childrenMinAge === 0 ? text.childrenWelcome : p.childrenMinAge >= ADULTS_ONLY_AGE ? text.adultsOnly : text.childrenFrom(p.childrenMinAge)
  }</dd>
  <dt>${text.petsPolicy}</dt><dd>${p.petsAllowed ? text.petsAllowed : text.petsNotAllowed}</dd>
  <dt>${text.smokingPolicy}</dt><dd>${SMOKING[lang][p.smoking]}</dd>
  ${p.access ? html`<dt>${text.access}</dt><dd>${p.access}</dd>` : ''}
</dl>
</section>`;
}
