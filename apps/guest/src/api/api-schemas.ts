import { Type } from '@sinclair/typebox';
import { AMENITY_CODES, BED_TYPE_CODES, MAX_PRICE_FILTER, MEAL_OPTIONS, ROOM_VIEW_CODES } from '@hatago/catalog';
import { REQUESTS_MAX_LENGTH } from '@hatago/booking';

/**
 * Shapes of the public JSON API. Other tools are written against these names, so they
 * only ever grow. Semantic checks (dates in the past, too many nights) happen in the
 * domain and come back as 422 with field errors; wrong types fail here with 400.
 */
export const Lang = Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')], { description: 'Language of names' }));

export const StayQuerystring = {
  checkin: Type.String({ description: 'Check-in date, YYYY-MM-DD (Asia/Tokyo)', maxLength: 10 }),
  nights: Type.Optional(Type.Integer({ description: 'Nights, 1 to 14', default: 1 })),
  guests: Type.Optional(Type.Integer({ description: 'Guests, 1 to 8', default: 2 })),
  rooms: Type.Optional(Type.Integer({ description: 'Rooms, 1 to 4', default: 1 })),
  lang: Lang,
};

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String(),
    requestId: Type.String(),
    traceId: Type.Optional(Type.String({ description: 'W3C trace id of the request' })),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, { ...Type.Ref('Problem'), description: 'Problem details' }]));

export const Area = Type.Object({ id: Type.String(), name: Type.String(), nameJa: Type.String(), nameEn: Type.String() });

/** What every hotel answer names, in both languages. */
const HotelIdentity = {
  id: Type.Integer(),
  name: Type.String(),
  nameJa: Type.String(),
  nameEn: Type.String(),
  area: Type.String(),
  areaName: Type.String(),
  stars: Type.Integer(),
};

/** One of a list's values, as a JSON Schema enum (typed as the list's own union). */
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Meal = literals(MEAL_OPTIONS);
const Amenity = literals(AMENITY_CODES);

/** The hotel search's filters and sort: a repeated name chooses several values (`stars=4&stars=5`). */
export const HotelSearchQuerystring = {
  sort: Type.Optional(
    Type.Union([Type.Literal('recommended'), Type.Literal('price'), Type.Literal('price_desc'), Type.Literal('stars')], {
      default: 'recommended',
      description: 'recommended; price (lowest first); price_desc (highest first); stars (most first)',
    }),
  ),
  minPrice: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PRICE_FILTER, description: "Lowest total for the whole stay and all rooms, yen" })),
  maxPrice: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PRICE_FILTER, description: 'Highest total for the whole stay and all rooms, yen; not below minPrice' })),
  stars: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 5 }), { maxItems: 5, description: 'Any of these star ratings' })),
  meals: Type.Optional(Type.Array(Meal, { maxItems: MEAL_OPTIONS.length, description: 'A plan with any of these meals' })),
  amenities: Type.Optional(Type.Array(Amenity, { maxItems: AMENITY_CODES.length, description: 'Every one of these amenities' })),
};

const FacetCount = <T extends ReturnType<typeof Type.Integer> | typeof Meal | typeof Amenity>(value: T) =>
  Type.Array(Type.Object({ value, count: Type.Integer() }));

export const HotelFacets = Type.Object(
  {
    stars: FacetCount(Type.Integer()),
    meals: FacetCount(Meal),
    amenities: FacetCount(Amenity),
    price: Type.Union([Type.Object({ min: Type.Integer(), max: Type.Integer() }), Type.Null()], {
      description: 'Lowest and highest shown price of the hotels the other filters leave; null when none',
    }),
  },
  { description: 'Hotels each filter value would leave, the other filters applied; a chosen amenity counts the results' },
);

export const HotelListItem = Type.Object({
  ...HotelIdentity,
  minTotalPrice: Type.Integer({ description: 'Cheapest plan for the whole stay and all rooms (with the chosen meals, in the chosen range), yen' }),
  amenities: Type.Array(Amenity, { description: 'What the hotel offers, in the amenity list order' }),
});

const Yen = (description: string) => Type.Integer({ description: `${description}, yen` });

/** How a stay's price splits; documented here since API clients show it as the guest site does. */
export const PriceBreakdown = Type.Object(
  {
    roomCharge: Yen('Room charge, without service charge and consumption tax'),
    serviceChargePercent: Type.Integer({ description: "The hotel's service charge, percent of the room charge; 0 when none" }),
    serviceCharge: Yen('Service charge'),
    consumptionTax: Yen('Consumption tax (10 %) contained in the total, rounded down'),
    total: Yen('Room, service charge and consumption tax for all nights and rooms: what a booking records (= totalPrice)'),
    accommodationTax: Yen(
      'Accommodation tax (宿泊税) of Tokyo or Kyoto City, per person per night by price band; not part of total, paid at the hotel; 0 elsewhere',
    ),
    grandTotal: Yen('total plus accommodationTax'),
    perPerson: Type.Object({ total: Yen("Each guest's share of total, rounded"), grandTotal: Yen("Each guest's share of grandTotal, rounded") }),
  },
  { description: 'Stored prices include service charge and consumption tax: the parts add up to total' },
);

export const PlanOffer = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  meals: Type.String(),
  freeCancelDays: Type.Integer(),
  cancelFeePercent: Type.Integer(),
  guaranteeRequired: Type.Boolean({ description: 'Booked only with a card guarantee (send guaranteeToken); otherwise paid at the hotel' }),
  totalPrice: Type.Union([Type.Integer(), Type.Null()], { description: 'Whole stay, all rooms, yen; null when not sold' }),
  breakdown: Type.Union([PriceBreakdown, Type.Null()], { description: 'How totalPrice splits; null when not sold' }),
});

export const HotelOffer = Type.Object({
  ...HotelIdentity,
  description: Type.String(),
  address: Type.String(),
  checkinTime: Type.String(),
  checkoutTime: Type.String(),
  amenities: Type.Array(Amenity, { description: 'What the hotel offers, in the amenity list order' }),
  policies: Type.Object({
    childrenMinAge: Type.Integer({ description: '0: children of every age welcome; 18: adults only; else guests from this age' }),
    smoking: Type.Union([Type.Literal('non_smoking'), Type.Literal('smoking_rooms'), Type.Literal('smoking_area')]),
    petsAllowed: Type.Boolean(),
    access: Type.String({ description: "How to get there, in the language asked for; '' when none" }),
  }),
  serviceChargePercent: Type.Integer({ description: 'Percent of the room charge, already inside every price; 0 when none' }),
  roomTypes: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      capacity: Type.Integer(),
      sizeSqm: Type.Integer(),
      bedType: Type.Union([literals(BED_TYPE_CODES), Type.Null()], { description: 'null while the hotel has not said' }),
      view: Type.Union([literals(ROOM_VIEW_CODES), Type.Null()], { description: "null while the hotel has not said; 'none' for no particular view" }),
      description: Type.String({ description: "In the language asked for; '' when none" }),
      available: Type.Integer({ description: 'Rooms of this type free on every night of the stay' }),
      fitsParty: Type.Boolean(),
      plans: Type.Array(PlanOffer),
    }),
  ),
});

export const GuestInput = Type.Object({
  name: Type.String({ maxLength: 200 }),
  nameLatin: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.String({ maxLength: 300 }),
  phone: Type.String({ maxLength: 40 }),
});

export const BookingBody = Type.Object({
  planId: Type.Integer(),
  checkin: Type.String({ maxLength: 10 }),
  nights: Type.Integer(),
  guests: Type.Optional(Type.Integer({ description: 'Adults, when `adults` is not sent: the name clients written before children were asked use' })),
  adults: Type.Optional(Type.Integer({ description: 'Adults, 1 or more (default `guests`, else 2)' })),
  children: Type.Optional(Type.Integer({ description: 'Children, 0 or more (default 0); they count toward the rooms\' capacity, adults and children 8 at most' })),
  rooms: Type.Integer(),
  guest: GuestInput,
  arrivalTime: Type.Optional(
    Type.String({ maxLength: 5, description: "HH:MM, Japan time, on the half hour from the hotel's check-in time to 23:30" }),
  ),
  // the schema only caps the body; the domain's own limit answers 422 with the field named
  requests: Type.Optional(
    Type.String({ maxLength: 4 * REQUESTS_MAX_LENGTH, description: `Special requests to the front desk; at most ${REQUESTS_MAX_LENGTH} characters` }),
  ),
  acceptTerms: Type.Optional(Type.Boolean({ description: 'Must be true: the guest accepts the terms of use and the privacy policy; otherwise 422 and nothing is booked' })),
  guaranteeToken: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        "The payment provider's card token, required by plans that take a card guarantee (never a card number); a declined card answers 422 CARD_DECLINED and books nothing",
    }),
  ),
  lang: Lang,
});

export const Reservation = Type.Object({
  code: Type.String(),
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('checked_in'), Type.Literal('checked_out'), Type.Literal('no_show'), Type.Literal('cancelled')], {
    description: 'confirmed until the hotel checks the guest in (checked_in, then checked_out) or marks a no_show',
  }),
  totalPrice: Type.Integer({ description: 'Room, service charge and consumption tax, yen; accommodation tax is paid at the hotel' }),
  accommodationTax: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Accommodation tax the hotel collects on top of totalPrice, yen, as quoted when booked; null for older bookings',
  }),
  hotelId: Type.Integer(),
  hotelName: Type.String(),
  roomTypeName: Type.String(),
  planId: Type.Integer(),
  planName: Type.String(),
  checkin: Type.String(),
  checkout: Type.String(),
  nights: Type.Integer(),
  guests: Type.Integer({ description: 'The whole party: adults and children' }),
  adults: Type.Integer(),
  children: Type.Integer(),
  rooms: Type.Integer(),
  arrivalTime: Type.Union([Type.String(), Type.Null()], { description: 'HH:MM, Japan time; null when not said' }),
  requests: Type.Union([Type.String(), Type.Null()]),
  payment: Type.Union([
    Type.Object({ kind: Type.Literal('at_hotel') }),
    Type.Object({
      kind: Type.Literal('guarantee'),
      brand: Type.String(),
      last4: Type.String(),
      amount: Type.Integer({ description: 'Yen held on the card' }),
      status: Type.String({ description: 'authorised (held), then released, captured (a fee charged) or capture_failed' }),
      charged: Type.Union([Type.Integer(), Type.Null()], { description: 'Yen charged once settled (0 when released); null while held' }),
      settledAt: Type.Union([Type.String(), Type.Null()], { description: 'When the guarantee was released or charged; null while held' }),
    }),
  ]),
  guest: Type.Object({ name: Type.String(), nameLatin: Type.String(), email: Type.String(), phone: Type.String() }),
  cancellationPolicy: Type.Object({ freeCancelDays: Type.Integer(), feePercent: Type.Integer() }),
  cancelFee: Type.Union([Type.Integer(), Type.Null()]),
  cancelledAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  cancellation: Type.Optional(
    Type.Object({
      allowed: Type.Boolean(),
      fee: Type.Integer({ description: 'Fee if cancelled today, yen' }),
      refund: Type.Integer(),
      freeUntil: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const EmailBody = Type.Object({ email: Type.String({ maxLength: 300 }) });
