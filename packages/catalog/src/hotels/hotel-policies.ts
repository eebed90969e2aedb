import type { AmenityCode } from './hotel-amenities.ts';

/** Where a hotel lets guests smoke: nowhere, in smoking rooms, or at a smoking area only. */
export const SMOKING_POLICIES = ['non_smoking', 'smoking_rooms', 'smoking_area'] as const;
export type SmokingPolicy = (typeof SMOKING_POLICIES)[number];

/** 0: children of every age welcome; 18: adults only; between: guests from that age. */
export const ADULTS_ONLY_AGE = 18;

/**
 * The house rules a guest checks before booking, beside the check-in and check-out times the
 * hotel's summary carries. Pets are the `pets-allowed` amenity, not a second field that could
 * disagree with it.
 */
export interface HotelPolicies {
  childrenMinAge: number;
  smoking: SmokingPolicy;
  petsAllowed: boolean;
  /** How to get there, in the language asked for; '' when the hotel wrote none. */
  access: string;
}

export interface HotelPolicyRow {
  children_min_age: number;
  smoking_policy: string;
  access_ja: string;
  access_en: string;
}

export const hotelPoliciesOf = (row: HotelPolicyRow, amenities: readonly AmenityCode[], locale: 'ja' | 'en'): HotelPolicies => ({
  childrenMinAge: row.children_min_age,
  smoking: row.smoking_policy as SmokingPolicy,
  petsAllowed: amenities.includes('pets-allowed'),
  access: locale === 'ja' ? row.access_ja : row.access_en,
});
