import { Type } from '@sinclair/typebox';
import { CUISINES, MAX_PARTY, REQUESTS_MAX } from '@hatago/dining';
import { Lang, Reservation } from './api-schemas.ts';

/** Shapes of the restaurant API; like the hotel shapes, they only ever grow. */
export const DiningQuerystring = {
  date: Type.String({ description: 'Date of the meal, YYYY-MM-DD (Asia/Tokyo)', maxLength: 10 }),
  party: Type.Optional(Type.Integer({ description: `Party size, 1 to ${MAX_PARTY}`, default: 2 })),
  lang: Lang,
};

export const RestaurantSearchQuerystring = Type.Object({
  area: Type.Optional(Type.String({ maxLength: 40 })),
  ...DiningQuerystring,
  time: Type.Optional(Type.String({ description: 'Around this time, HH:MM: seatings up to an hour either side', maxLength: 5 })),
  cuisine: Type.Optional(Type.String({ description: `One of ${CUISINES.join(', ')}`, maxLength: 40 })),
  budget: Type.Optional(Type.Integer({ description: 'Only set courses at most this price per person, yen', minimum: 0 })),
});

/** What every restaurant answer names, in both languages. */
const RestaurantIdentity = {
  id: Type.Integer(),
  name: Type.String(),
  nameJa: Type.String(),
  nameEn: Type.String(),
  area: Type.String(),
  cuisine: Type.String(),
  priceBand: Type.Integer({ description: '1 (casual) to 5 (grand)' }),
};

export const RestaurantListItem = Type.Object({
  ...RestaurantIdentity,
  times: Type.Array(Type.String(), { description: 'Seatings the party can book, HH:MM' }),
  minPrice: Type.Union([Type.Integer(), Type.Null()], { description: 'Cheapest set course per person at those times, yen; null when only seats are sold' }),
});

export const RestaurantDay = Type.Object({
  ...RestaurantIdentity,
  date: Type.String(),
  party: Type.Integer(),
  closed: Type.Boolean(),
  seatings: Type.Array(
    Type.Object({
      time: Type.String(),
      durationMinutes: Type.Integer(),
      available: Type.Boolean(),
      courseIds: Type.Array(Type.Integer(), { description: 'The courses the party may book at this seating, whether or not it has room' }),
    }),
  ),
  courses: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      nameJa: Type.String(),
      nameEn: Type.String(),
      pricePerPerson: Type.Integer({ description: 'Yen' }),
      seatOnly: Type.Boolean({ description: 'A table without a set course, ordered on the day' }),
    }),
  ),
});

export const TableBookingBody = Type.Object({
  restaurantId: Type.Integer(),
  courseId: Type.Integer(),
  date: Type.String({ maxLength: 10 }),
  time: Type.String({ maxLength: 5 }),
  party: Type.Integer(),
  guest: Type.Object({
    name: Type.String({ maxLength: 200 }),
    nameLatin: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.String({ maxLength: 300 }),
    phone: Type.String({ maxLength: 40 }),
  }),
  // the schema only caps the body; the domain's own limit answers 422 with the field named
  requests: Type.Optional(Type.String({ maxLength: 4 * REQUESTS_MAX, description: `Allergies, occasions; at most ${REQUESTS_MAX} characters` })),
  guaranteeToken: Type.Optional(
    Type.String({
      maxLength: 200,
      description: "The payment provider's card token for a no-show guarantee of the total (never a card number); a declined card answers 422 CARD_DECLINED and books nothing",
    }),
  ),
  lang: Lang,
});

export const TableReservation = Type.Object(
  {
    code: Type.String({ description: 'Starts RS' }),
    status: Type.Union([Type.Literal('confirmed'), Type.Literal('requested'), Type.Literal('cancelled'), Type.Literal('declined')], {
      description: 'requested: the restaurant confirms it later; the seats are held meanwhile; declined: the restaurant turned the request down',
    }),
    totalPrice: Type.Integer(),
    restaurantId: Type.Integer(),
    restaurantName: Type.String(),
    courseId: Type.Integer(),
    courseName: Type.String(),
    date: Type.String(),
    time: Type.String(),
    durationMinutes: Type.Integer(),
    party: Type.Integer(),
    pricePerPerson: Type.Integer(),
    guest: Type.Object({ name: Type.String(), nameLatin: Type.String(), email: Type.String(), phone: Type.String() }),
    requests: Type.String(),
    cancelFee: Type.Union([Type.Integer(), Type.Null()]),
    cancelledAt: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    guarantee: Type.Optional(
      Type.Union([
        Type.Object({
          brand: Type.String(),
          last4: Type.String(),
          amount: Type.Integer({ description: 'Yen held on the card' }),
          status: Type.Union([Type.Literal('authorised'), Type.Literal('captured'), Type.Literal('released'), Type.Literal('capture_failed')]),
        }),
        Type.Null(),
      ]),
    ),
    cancellation: Type.Optional(
      Type.Object({
        allowed: Type.Boolean(),
        fee: Type.Integer({ description: 'Fee if cancelled now, yen' }),
        refund: Type.Integer(),
      }),
    ),
  },
  { description: 'A restaurant reservation (code RS…)' },
);

/**
 * What the shared look-up and cancel answer: a stay or a table, told apart by the code's
 * prefix (HT, RS) and their fields. A union rather than a new `kind` field, so the stay
 * answers existing clients parse stay exactly as they were.
 */
export const AnyReservation = Type.Union([Reservation, TableReservation]);
