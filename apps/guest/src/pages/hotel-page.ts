import { bedTypeLabel, EDGE_KEYS, type HotelOffer, type HotelSummary, type RoomTypeOffer, roomViewLabel, type Stay } from '@hatago/catalog';
import { DomainError } from '@hatago/platform/errors';
import { html, type SafeHtml } from '@hatago/platform/html';
import { parseId } from '@hatago/platform/input';
import type { HttpApp } from '@hatago/platform/http';
import { tokyoToday } from '@hatago/platform/time';
import { yen } from '@hatago/web-kit';
import type { GuestServices } from '../deps.ts';
import { availabilityCalendar, calendarSpan, hotelCalendarCells } from './availability-calendar.ts';
import { type Lang, langOf, planLabel, t } from './i18n.ts';
import { bannerSlot, bannersForPage, withBanners } from './banner-slots.ts';
import { link, notFoundPage, otherLangOf, paramsOf, sendPage } from './page-kit.ts';
import { photoGallery } from './photo-views.ts';
import { hotelAmenitiesSection } from './hotel-amenities-view.ts';
import { starRating } from './star-rating.ts';
import { defaultStayValues, readStay, stayForm, stayParams } from './stay-form.ts';
import { perPersonLine, priceBreakdownDetails } from './price-breakdown-view.ts';

export function registerHotelPage(app: HttpApp, deps: GuestServices): void {
  const { catalog } = deps;
  app.get('/hotels/:id', async (request, reply) => {
    const query = paramsOf(request.query);
    const lang = langOf(query.lang);
    const text = t(lang);
    const hotelId = parseId((request.params as { id?: string }).id);
    if (hotelId === undefined) return notFoundPage(reply, lang, text.hotelNotFound);

    const values = { ...defaultStayValues(), ...query };
    const { stay, errors } = readStay(values, lang);
    let hotel: HotelSummary;
    let offer: HotelOffer | undefined;
    try {
      offer = stay ? await catalog.getHotelOffer(hotelId, stay, lang) : undefined;
      hotel = offer ?? (await catalog.getHotel(hotelId, lang));
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') return notFoundPage(reply, lang, text.hotelNotFound);
      throw error;
    }
    const today = tokyoToday();
    const span = calendarSpan(today);
    // calendar days are priced for, and keep, the party the guest chose, or the defaults while the form is invalid
    const party = stay ?? { nights: 1, guests: 2, rooms: 1 };
    const [calendar, banners] = await Promise.all([
      catalog.getAvailabilityCalendar(hotelId, span.from, span.days, party),
      bannersForPage(deps, request, { lang, area: hotel.area, slots: ['hotel-side'] }),
    ]);
    const dayHref = (checkin: string) =>
      link(`/hotels/${hotelId}`, { checkin, nights: party.nights, guests: party.guests, rooms: party.rooms }, lang);

    return sendPage(reply, withBanners({
      lang,
      title: hotel.name,
      cache: 'public',
      surrogateKeys: [EDGE_KEYS.hotel(hotelId)],
      status: stay ? 200 : 422,
      otherLang: otherLangOf(request, lang),
      body: html`<h1>${hotel.name} ${starRating(hotel.stars, lang)}</h1>
<p class="muted">${hotel.areaName}</p>
${photoGallery(hotel.photos, text.photos)}
<p>${hotel.description}</p>
${bannerSlot('hotel-side', banners, lang)}
<dl class="summary">
  <dt>${text.address}</dt><dd>${hotel.address}</dd>
  <dt>${text.checkinTime}</dt><dd>${hotel.checkinTime}</dd>
  <dt>${text.checkoutTime}</dt><dd>${hotel.checkoutTime}</dd>
</dl>
${hotelAmenitiesSection(hotel, lang)}
<h2>${text.changeStay}</h2>
${stayForm({ action: `/hotels/${hotelId}`, lang, values, errors })}
${stay && offer ? roomsAndPlans(offer, stay, lang) : ''}
<h2 id="calendar">${text.calendar}</h2>
${availabilityCalendar(hotelCalendarCells(calendar), today, lang, dayHref)}`,
    }, banners));
  });
}

function roomsAndPlans(hotel: HotelOffer, stay: Stay, lang: Lang): SafeHtml {
  const text = t(lang);
  return html`<h2>${text.roomsAndPlans}</h2>
<p class="muted">${text.forStay(stay.nights, stay.rooms)}</p>
${hotel.roomTypes.map((room) => roomCard(room, stay, lang))}`;
}

/** What a guest compares rooms by, each fact named beside its value; a fact the hotel has not stated is left out. */
function roomFacts(room: RoomTypeOffer, lang: Lang): SafeHtml {
  const text = t(lang);
  const fact = (term: string, value: string) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
  return html`<dl class="room-facts">
${fact(text.capacityLabel, text.capacity(room.capacity))}
${fact(text.sizeLabel, text.size(room.sizeSqm))}
${room.bedType ? fact(text.bedsLabel, bedTypeLabel(room.bedType, lang)) : ''}
${room.view ? fact(text.viewLabel, roomViewLabel(room.view, lang)) : ''}
</dl>`;
}

function roomCard(room: RoomTypeOffer, stay: Stay, lang: Lang): SafeHtml {
  const text = t(lang);
  const hasRooms = room.available >= stay.rooms;
  const unavailable = !room.fitsParty ? text.tooSmall : !hasRooms ? text.soldOutShort : undefined;
  return html`<section class="card" data-testid="room-type">
<h3>${room.name}</h3>
${roomFacts(room, lang)}
<p class="muted">${room.available > 0 ? text.roomsLeft(room.available) : text.soldOutShort}</p>
${room.description ? html`<p>${room.description}</p>` : ''}
<table class="plans">
<tbody>${room.plans.map(
    (plan) => html`<tr>
  <td><strong>${planLabel(lang, plan.name, plan.meals)}</strong></td>
  <td class="muted">${text.cancelPolicy(plan.freeCancelDays, plan.cancelFeePercent)}<div data-testid="plan-payment">${
    plan.guaranteeRequired ? text.cardGuarantee : text.payAtHotel
  }</div></td>
  <td>${
    plan.breakdown === null
      ? html`<span class="muted">${text.notOnSale}</span>`
      : html`<span class="price">${yen(plan.breakdown.total)}</span>${perPersonLine(plan.breakdown, lang)}
    ${priceBreakdownDetails(plan.breakdown, lang)}
    ${
      unavailable
        ? html`<div class="muted">${unavailable}</div>`
        : html`<div><a class="button" data-testid="book-plan" href="${link('/book', { planId: plan.id, ...stayParams(stay) }, lang)}">${text.book}</a></div>`
    }`
  }</td>
</tr>`,
  )}</tbody>
</table>
</section>`;
}
